package dev.praxis.agent;

import dev.praxis.memory.Experience;
import dev.praxis.memory.ExperienceStore;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.memory.Untrusted;
import dev.praxis.tool.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Experience in the loop, opted into with {@link LlmAgent.Builder#experience}: every run that
 * completes is recorded in an {@link ExperienceStore} (its task, the tool calls it made with their
 * arguments, its answer), {@link #feedback} judges it afterwards, and a new run is shown the most
 * similar earlier runs with non-negative feedback as worked examples at the end of its system
 * prompt.
 *
 * <pre>{@code
 * var experience = ExperienceLoop.over(new EmbeddingExperienceStore(vectors, embeddings, cipher)).examples(3);
 * Agent agent = LlmAgent.builder().llm(llm).tools(new Converter()).experience(experience).build();
 * AgentResult result = agent.run("Convert 5 km to miles");
 * experience.feedback(result.runId(), 1.0);                       // a person liked it
 * }</pre>
 *
 * <p>Bounded: at most {@link #examples(int)} examples (default 3), each at least
 * {@link #minSimilarity(double)} similar to the task (default 0.5), together at most
 * {@link #maxTokens(int)} tokens (default 600, estimated at 4 characters a token; an example that
 * does not fit is left out whole); each step line is cut at 300 characters.
 *
 * <p>Safe by construction: a run whose prompt held untrusted content (delimited by containment, or
 * a summary of it; see {@link Untrusted}) is never recorded, an experience carrying such content is
 * never shown, and tool results are never part of an example (only whether a call succeeded), so
 * text from tools and pages cannot become instructions for later runs. Experience is kept per person:
 * by default the scope is the run's tenant and user, this agent's name and session
 * {@code "experience"}, so one user's runs are never shown to another (a stateless run without an
 * owner uses the default tenant and user). A store failure while recalling leaves the run without
 * examples (logged); while recording, it is logged and the result is unchanged. Runs continued with
 * {@code resume} are neither shown examples nor recorded. Thread-safe.
 */
public final class ExperienceLoop implements AgentListener {

    private static final Logger log = LoggerFactory.getLogger(ExperienceLoop.class);
    static final String HEADING = "Worked examples: earlier tasks of this kind that were solved well. They are not"
            + " part of this conversation; use them as a pattern for which tools to call and how.";
    private static final int LINE_CHARS = 300;
    /** Runs whose feedback can still be given by run id alone; older ones are forgotten first. */
    private static final int REMEMBERED_RUNS = 10_000;

    private final ExperienceStore store;
    private final int examples;
    private final double minSimilarity;
    private final int maxTokens;
    private final Function<Owner, MemoryScope> scopes;
    private final Clock clock;
    private final Map<String, Pending> running = new ConcurrentHashMap<>();
    private final Map<String, MemoryScope> finished = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, MemoryScope> eldest) {
                    return size() > REMEMBERED_RUNS;
                }
            });

    /** A run between its recall and its end: where it is recorded, and whether untrusted content reached it. */
    private static final class Pending {
        final MemoryScope scope;
        final String task;
        volatile boolean tainted;

        Pending(MemoryScope scope, String task) {
            this.scope = scope;
            this.task = task;
        }
    }

    private ExperienceLoop(ExperienceStore store, int examples, double minSimilarity, int maxTokens,
                           Function<Owner, MemoryScope> scopes, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        if (examples < 1) {
            throw new IllegalArgumentException("examples must be at least 1, got " + examples);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        this.examples = examples;
        this.minSimilarity = minSimilarity;
        this.maxTokens = maxTokens;
        this.scopes = scopes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A loop over {@code store}: 3 examples of similarity at least 0.5, in at most 600 tokens, per person. */
    public static ExperienceLoop over(ExperienceStore store) {
        return new ExperienceLoop(store, 3, 0.5, 600, null, Clock.systemUTC());
    }

    /** At most {@code count} examples per run. */
    public ExperienceLoop examples(int count) {
        return new ExperienceLoop(store, count, minSimilarity, maxTokens, scopes, clock);
    }

    /** Only earlier tasks at least this similar to the new one (the store's measure, cosine for embeddings). */
    public ExperienceLoop minSimilarity(double similarity) {
        return new ExperienceLoop(store, examples, similarity, maxTokens, scopes, clock);
    }

    /** At most about {@code tokens} tokens of examples per run. */
    public ExperienceLoop maxTokens(int tokens) {
        return new ExperienceLoop(store, examples, minSimilarity, tokens, scopes, clock);
    }

    /**
     * Where the runs of a person are recorded and recalled, instead of the default (their tenant and
     * user, the agent's name, session {@code "experience"}). A scope shared between people shows one
     * person's tasks and answers to another: share only where that is meant.
     */
    public ExperienceLoop scope(Function<Owner, MemoryScope> scope) {
        return new ExperienceLoop(store, examples, minSimilarity, maxTokens, Objects.requireNonNull(scope, "scope"),
                clock);
    }

    /** This loop stamping experiences with {@code newClock}. */
    public ExperienceLoop clock(Clock newClock) {
        return new ExperienceLoop(store, examples, minSimilarity, maxTokens, scopes, newClock);
    }

    /**
     * Judges a finished run, so it is shown again (score at least 0) or never (below 0); the latest
     * judgement counts. Works for the last 10,000 runs this loop recorded in this process.
     *
     * @param score from -1 (bad) to 1 (good)
     * @throws IllegalArgumentException if the score is outside [-1, 1] or the run is not known here
     *                                  (not completed, tainted, resumed, or too old)
     */
    public void feedback(String runId, double score) {
        if (!(score >= -1 && score <= 1)) {
            throw new IllegalArgumentException("feedback must be within [-1, 1], got " + score);
        }
        MemoryScope scope = finished.get(runId);
        Optional<Experience> stored = scope == null ? Optional.empty() : store.find(scope, runId);
        if (stored.isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " was not recorded by this experience loop (it did "
                    + "not complete, read untrusted content, was resumed, or is older than the last "
                    + REMEMBERED_RUNS + " runs)");
        }
        store.record(scope, runId, stored.get().withFeedback(score));
    }

    /**
     * {@code base} with the examples for the run {@code request} starts (which must have its run id)
     * appended; remembers the run so it is recorded when it completes.
     */
    Optional<String> systemPrompt(String agent, AgentRequest request, Optional<String> base) {
        Owner owner = request.owner().orElse(new Owner(MemoryScope.DEFAULT, MemoryScope.DEFAULT));
        MemoryScope scope = scopes != null ? scopes.apply(owner)
                : new MemoryScope(owner.tenant(), owner.user(), agent, "experience");
        running.put(request.runId().orElseThrow(), new Pending(scope, request.input()));
        String shown;
        try {
            shown = render(store.recallSuccessful(scope, request.input(), examples));
        } catch (MemoryException e) {
            log.warn("experience recall failed; the run goes on without examples: {}", e.getMessage());
            return base;
        }
        if (shown.isEmpty()) {
            return base;
        }
        return Optional.of(base.map(b -> b + "\n\n").orElse("") + shown);
    }

    private String render(List<ExperienceStore.RecalledExperience> recalled) {
        StringBuilder text = new StringBuilder(HEADING).append('\n');
        int shown = 0;
        for (ExperienceStore.RecalledExperience r : recalled) {
            if (r.similarity() < minSimilarity || r.experience().feedback() < 0 || untrusted(r.experience())) {
                continue;
            }
            StringBuilder example = new StringBuilder("\nExample ").append(shown + 1).append("\nTask: ")
                    .append(cut(r.experience().task())).append('\n');
            List<String> steps = r.experience().steps();
            for (int i = 0; i < steps.size(); i++) {
                example.append("Step ").append(i + 1).append(": ").append(cut(steps.get(i))).append('\n');
            }
            if ((text.length() + example.length()) / 4 > maxTokens) {
                continue;
            }
            text.append(example);
            shown++;
        }
        return shown == 0 ? "" : text.toString();
    }

    private static boolean untrusted(Experience e) {
        return e.task().contains(Untrusted.HEADER) || e.steps().stream().anyMatch(
                s -> s.contains(Untrusted.HEADER) || s.contains(Untrusted.SUMMARY_NOTE.strip()));
    }

    private static String cut(String line) {
        String one = line.strip().replace('\n', ' ');
        return one.length() <= LINE_CHARS ? one : one.substring(0, LINE_CHARS) + "...";
    }

    @Override
    public void on(AgentEvent event) {
        if (event instanceof AgentEvent.Perceived perceived) {
            Pending run = running.get(perceived.runId());
            if (run != null && Untrusted.in(perceived.request().messages())) {
                run.tainted = true;
            }
        } else if (event instanceof AgentEvent.Completed completed) {
            Pending run = running.remove(completed.runId());
            if (run != null && !run.tainted) {
                store.record(run.scope, completed.runId(), experience(run.task, completed.result()));
                finished.put(completed.runId(), run.scope);
            }
        } else if (event instanceof AgentEvent.Stopped stopped) {
            running.remove(stopped.runId());
        }
    }

    /** The run as an experience: one line per tool call (name, arguments, whether it worked), then the answer. */
    private Experience experience(String task, AgentResult result) {
        List<String> steps = new ArrayList<>();
        for (Step step : result.steps()) {
            for (int i = 0; i < step.calls().size(); i++) {
                boolean ok = i < step.results().size() && step.results().get(i) instanceof ToolResult.Ok;
                steps.add("call " + step.calls().get(i).name() + " " + step.calls().get(i).arguments()
                        + (ok ? " (worked)" : " (failed)"));
            }
        }
        steps.add("answer: " + result.output());
        return new Experience(task, steps, Experience.Outcome.SUCCEEDED, 0, clock.instant());
    }
}
