package dev.praxis.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.agent.Usage;
import dev.praxis.content.Parts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Fine-tuning data: exports trajectories as JSONL in the chat fine-tuning format (one
 * {@code {"messages": [...], "tools": [...]}} object per line, holding exactly what the model saw),
 * preference pairs from feedback in the preference (DPO) format, a reproducible train/validation
 * split, and imports chat JSONL as demonstrations for imitation and in-context examples.
 *
 * <pre>{@code
 * Split split = FineTuning.split(store.all(), 0.2, 42);
 * ExportSummary summary = FineTuning.export(split.train(),
 *         FineTuning.rewardAtLeast(1.0).and(FineTuning.noNegativeFeedback()), writer);
 * FineTuning.exportPreferences(split.train(), preferenceWriter);
 * List<Trajectory> demos = FineTuning.importDemonstrations(reader);
 * }</pre>
 */
public final class FineTuning {

    private static final Logger log = LoggerFactory.getLogger(FineTuning.class);

    private FineTuning() {
    }

    /**
     * What an export wrote and what it left out.
     *
     * @param written  lines written
     * @param filtered trajectories the filter rejected
     * @param skipped  trajectories that passed the filter but cannot be represented, each with its id and reason
     */
    public record ExportSummary(int written, int filtered, List<String> skipped) {
        /** Copies the list. */
        public ExportSummary {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Writes each trajectory that passes {@code filter} as chat fine-tuning JSONL holding exactly
     * what the model saw: for agent runs recorded by {@link TrajectoryRecorder}, the system prompt,
     * the earlier turns of the session (their assistant messages with {@code "weight": 0}: context,
     * not trained on), the input, every tool call and result, the answer, and the tools offered
     * ({@code "tools"}, parameters as JSON Schema). A run whose model calls did not all see one
     * growing conversation with the same tools (e.g. a last call made without tools) becomes one
     * line per model call, each training only that call's reply. Trajectories without recorded
     * prompts are written as their {@link Trajectory#conversation()}. A trajectory that does not
     * end with an assistant answer, or has a tool call without a result, is skipped and reported.
     *
     * @throws UncheckedIOException if writing fails
     */
    public static ExportSummary export(Collection<Trajectory> trajectories, Predicate<Trajectory> filter, Writer out) {
        int written = 0;
        int filtered = 0;
        List<String> skipped = new ArrayList<>();
        for (Trajectory trajectory : trajectories) {
            if (!filter.test(trajectory)) {
                filtered++;
                continue;
            }
            try {
                for (ObjectNode line : ChatExamples.of(trajectory)) {
                    writeLine(out, line);
                    written++;
                }
            } catch (IllegalArgumentException e) {
                skipped.add(trajectory.id() + ": " + e.getMessage());
                log.info("fine-tuning export skipped trajectory {}: {}", trajectory.id(), e.getMessage());
            }
        }
        return new ExportSummary(written, filtered, skipped);
    }

    /**
     * Writes preference pairs built from feedback as JSONL in the preference (DPO) format: one
     * {@code {"input": {"messages", "tools"}, "preferred_output": [assistant message],
     * "non_preferred_output": [assistant message]}} per line. Runs pair up when they began with
     * the same prompt and one has a mean feedback above 0, the other below; the pair is the first
     * model call where they replied differently to the same prompt (tool-call ids aside). Runs
     * without feedback or recorded prompts take no part; a pair whose runs saw different prompts
     * before they differed is reported as skipped.
     *
     * @throws UncheckedIOException if writing fails
     */
    public static ExportSummary exportPreferences(Collection<Trajectory> trajectories, Writer out) {
        int written = 0;
        List<String> skipped = new ArrayList<>();
        for (Preferences.Pair pair : Preferences.pairs(List.copyOf(trajectories))) {
            if (pair.line().isPresent()) {
                writeLine(out, pair.line().get());
                written++;
            } else {
                skipped.add(pair.problem());
                log.info("preference export skipped a pair: {}", pair.problem());
            }
        }
        return new ExportSummary(written, 0, skipped);
    }

    /**
     * Training and validation sets, by a fixed rule: all runs of one session go to the same side
     * (they share context, so a split inside a session would leak it), and a run outside any session
     * is a group of its own. Groups are ordered by a hash of {@code seed} and their key, and the
     * first {@code validationShare} of them (rounded, at least one when there are two groups or more
     * and the share is above 0) are for validation. The same input and seed always give the same split.
     *
     * @param validationShare from 0 (everything for training) to 1, exclusive
     * @throws IllegalArgumentException if the share is outside [0, 1)
     */
    public static Split split(Collection<Trajectory> trajectories, double validationShare, long seed) {
        return Split.of(List.copyOf(trajectories), validationShare, seed);
    }

    private static void writeLine(Writer out, ObjectNode line) {
        try {
            out.write(ChatJson.JSON.writeValueAsString(line));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing the fine-tuning export failed", e);
        }
    }

    /**
     * Reads chat fine-tuning JSONL as demonstrations: one trajectory per non-blank line, one
     * step per assistant message, reward 1 on the last step, task = the first user message.
     * Unknown top-level keys (such as {@code tools}) are ignored.
     *
     * @throws JsonlFormatException naming the line of the first malformed record
     * @throws UncheckedIOException if reading fails
     */
    public static List<Trajectory> importDemonstrations(Reader in) {
        List<Trajectory> demos = new ArrayList<>();
        BufferedReader lines = new BufferedReader(in);
        int number = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isBlank()) {
                    demos.add(demonstration(number, line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading demonstrations failed at line " + number, e);
        }
        return demos;
    }

    private static Trajectory demonstration(int number, String line) {
        try {
            JsonNode root = ChatJson.JSON.readTree(line);
            List<ChatMessage> messages = ChatJson.read(root.path("messages"));
            List<TrajectoryStep> steps = stepsOf(messages);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("a demonstration needs at least one assistant message");
            }
            String task = messages.stream().filter(m -> m instanceof UserMessage).findFirst()
                    .map(m -> Parts.text(((UserMessage) m).contents())).orElse("");
            String id = root.path("id").isTextual() ? root.path("id").asText() : "demo-" + number;
            return new Trajectory(id, task, Trajectory.Origin.DEMONSTRATION, steps, List.of(), Instant.EPOCH,
                    Duration.ZERO);
        } catch (JsonProcessingException e) {
            throw new JsonlFormatException(number, "not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new JsonlFormatException(number, e.getMessage());
        }
    }

    private static List<TrajectoryStep> stepsOf(List<ChatMessage> messages) {
        List<TrajectoryStep> steps = new ArrayList<>();
        List<ChatMessage> pending = new ArrayList<>();
        StringBuilder observation = new StringBuilder();
        for (ChatMessage message : messages) {
            pending.add(message);
            if (message instanceof UserMessage u) {
                observation.append(Parts.text(u.contents()));
            } else if (message instanceof ToolExecutionResultMessage t) {
                observation.append(observation.length() == 0 ? "" : "\n").append(Parts.text(t.contents()));
            } else if (message instanceof AiMessage ai) {
                String action = ai.hasToolExecutionRequests() ? ai.toolExecutionRequests().toString()
                        : ai.text() == null ? "" : ai.text();
                steps.add(new TrajectoryStep(steps.size() + 1, observation.toString(), action, pending, 0,
                        Usage.ZERO, Duration.ZERO));
                pending = new ArrayList<>();
                observation.setLength(0);
            }
        }
        if (!steps.isEmpty()) {
            TrajectoryStep last = steps.remove(steps.size() - 1);
            List<ChatMessage> all = new ArrayList<>(last.messages());
            all.addAll(pending);
            steps.add(new TrajectoryStep(last.index(), last.observation(), last.action(), all, 1.0, Usage.ZERO,
                    Duration.ZERO));
        }
        return steps;
    }

    /** Keeps trajectories whose total reward is at least {@code reward}. */
    public static Predicate<Trajectory> rewardAtLeast(double reward) {
        return t -> t.totalReward() >= reward;
    }

    /** Keeps trajectories with feedback whose mean score is at least {@code score}. */
    public static Predicate<Trajectory> feedbackAtLeast(double score) {
        return t -> t.feedbackScore().isPresent() && t.feedbackScore().getAsDouble() >= score;
    }

    /** Keeps trajectories without feedback or with a mean feedback score of at least 0. */
    public static Predicate<Trajectory> noNegativeFeedback() {
        return t -> t.feedbackScore().orElse(0) >= 0;
    }
}
