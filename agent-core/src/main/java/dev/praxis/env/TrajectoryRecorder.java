package dev.praxis.env;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * An {@link AgentListener} that records every run of an agent as a {@link Trajectory} in a
 * store, keyed by the run id, so feedback can be attached later with
 * {@link TrajectoryStore#feedback}.
 *
 * <pre>{@code
 * var store = new InMemoryTrajectoryStore();
 * Agent agent = LlmAgent.builder().llm(llm).listener(new TrajectoryRecorder(store)).build();
 * AgentResult result = agent.run("2+3?");
 * store.feedback(result.runId(), 1.0, "correct");
 * }</pre>
 *
 * <p>Each agent step becomes a trajectory step holding the model's message, the tool results
 * and the exact prompt the model was sent (system prompt, earlier session turns, the run so far,
 * the tools offered), so exports are what the model saw; the run's reward (by default 1 for a completed run, 0 otherwise) is put on the
 * last step. Thread-safe: one recorder serves concurrent runs.
 */
public final class TrajectoryRecorder implements AgentListener {

    private final TrajectoryStore store;
    private final ToDoubleFunction<AgentResult> reward;
    private final Clock clock;
    private final Map<String, Started> running = new ConcurrentHashMap<>();

    /** A run in flight: its input, session, start and the prompt of each step so far (by step index). */
    private record Started(String input, String session, Instant at, Map<Integer, ChatRequest> prompts) {
    }

    /** Records into {@code store}, rewarding completed runs with 1. */
    public TrajectoryRecorder(TrajectoryStore store) {
        this(store, result -> result.completed() ? 1.0 : 0.0, Clock.systemUTC());
    }

    /** Records into {@code store} with a custom reward for each finished run. */
    public TrajectoryRecorder(TrajectoryStore store, ToDoubleFunction<AgentResult> reward, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.reward = Objects.requireNonNull(reward, "reward");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void on(AgentEvent event) {
        if (event instanceof AgentEvent.RunStarted started) {
            running.put(started.runId(), new Started(started.input(), started.session(), clock.instant(),
                    new ConcurrentHashMap<>()));
        } else if (event instanceof AgentEvent.Perceived perceived) {
            Started run = running.get(perceived.runId());
            if (run != null) {
                run.prompts().put(perceived.step(), perceived.request());
            }
        } else if (event instanceof AgentEvent.Completed completed) {
            finish(completed.result());
        } else if (event instanceof AgentEvent.Stopped stopped) {
            finish(stopped.result());
        }
    }

    private void finish(AgentResult result) {
        Started started = running.remove(result.runId());
        if (started == null) {
            throw new IllegalStateException("run " + result.runId() + " ended without a RunStarted event:"
                    + " add the recorder to the agent before runs start");
        }
        store.save(AgentTranscript.trajectory(started.input(), result, reward.applyAsDouble(result), started.at(),
                Duration.between(started.at(), clock.instant()), started.session(), started.prompts()));
    }
}
