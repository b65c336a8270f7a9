package dev.praxis.store;

import dev.langchain4j.agent.tool.Tool;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.env.FineTuning;
import dev.praxis.env.InMemoryTrajectoryStore;
import dev.praxis.env.Trajectory;
import dev.praxis.env.TrajectoryRecorder;
import dev.praxis.env.TrajectoryStore;
import dev.praxis.env.UnknownRunException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every durable {@link TrajectoryStore} does; each implementation's test extends this. */
public abstract class TrajectoryStoreContract {

    /** Text that appears in the input, a tool result and an answer of {@link #recordedRuns}. */
    public static final String MARKER = "zebra-marker-7731";

    /** The store under test, empty at first; the same instance within one test. */
    protected abstract TrajectoryStore store();

    /** The store under test after closing and opening it again (a new process, say). */
    protected abstract TrajectoryStore reopened();

    /** Lists runs of an agent, with a system prompt, tools, session history and a tool result holding the marker. */
    public static final class Notes {
        @Tool("Reads the note with the given title")
        public String read(String title) {
            return "note " + title + ": " + MARKER;
        }
    }

    /** Two runs of one session, recorded in memory: the second sees the first as history. */
    public static List<Trajectory> recordedRuns() {
        var recorded = new InMemoryTrajectoryStore();
        var agent = LlmAgent.builder().llm(ScriptedLlm.of(text("Hello " + MARKER), toolCall("read",
                        "{\"title\":\"plan\"}"), text("The plan says " + MARKER)))
                .tools(new Notes()).systemPrompt("You read notes.").memory(MessageWindowMemory.of(20))
                .listener(new TrajectoryRecorder(recorded)).build();
        var session = MemoryScope.of("ann", "notes");
        agent.run(AgentRequest.of("hi, I am " + MARKER).inSession(session));
        AgentResult second = agent.run(AgentRequest.of("what does the plan say?").inSession(session));
        assertThat(second.completed()).isTrue();
        return recorded.all();
    }

    private static String export(List<Trajectory> trajectories) {
        var out = new StringWriter();
        FineTuning.export(trajectories, t -> true, out);
        return out.toString();
    }

    @Test
    void aStoredRunExportsExactlyAsTheRecordedOneAfterReopening() {
        List<Trajectory> runs = recordedRuns();
        runs.forEach(store()::save);

        TrajectoryStore again = reopened();

        assertThat(export(again.all())).isEqualTo(export(runs)).contains("\"tools\"", "\"weight\":0");
        Trajectory second = again.find(runs.get(1).id()).orElseThrow();
        assertThat(second.conversation()).isEqualTo(runs.get(1).conversation());
        assertThat(second.steps().get(0).prompt().tools()).extracting(t -> t.name()).containsExactly("read");
        assertThat(second.session()).isEqualTo("notes");
        assertThat(second.startedAt()).isEqualTo(runs.get(1).startedAt());
    }

    @Test
    void savingAgainReplacesInPlaceAndKeepsTheOrder() {
        List<Trajectory> runs = recordedRuns();
        runs.forEach(store()::save);
        Trajectory judged = runs.get(0).withFeedback(new dev.praxis.env.Feedback(0.5, "fine",
                java.time.Instant.parse("2026-12-06T10:00:00Z")));

        store().save(judged);

        assertThat(store().all()).extracting(Trajectory::id).containsExactly(runs.get(0).id(), runs.get(1).id());
        assertThat(store().find(judged.id()).orElseThrow().feedback()).isEqualTo(judged.feedback());
    }

    @Test
    void feedbackIsAppendedAndAnUnknownRunIsNamed() {
        Trajectory run = recordedRuns().get(0);
        store().save(run);

        store().feedback(run.id(), 1.0, "right");
        Trajectory judged = store().feedback(run.id(), -0.5, null);

        assertThat(judged.feedback()).extracting(f -> f.score()).containsExactly(1.0, -0.5);
        assertThat(judged.feedback()).extracting(f -> f.comment()).containsExactly("right", "");
        assertThat(reopened().find(run.id()).orElseThrow().feedbackScore()).hasValue(0.25);
        assertThatThrownBy(() -> store().feedback("nope", 1, "")).isInstanceOf(UnknownRunException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> store().feedback(run.id(), 3, "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store().find("nope")).isEmpty();
    }

    @Test
    void concurrentFeedbackOnOneRunIsNeverLost() throws Exception {
        Trajectory run = recordedRuns().get(0);
        store().save(run);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> givers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                givers.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    for (int n = 0; n < 5; n++) {
                        store().feedback(run.id(), 1.0, "ok");
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : givers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }

        assertThat(store().find(run.id()).orElseThrow().feedback()).hasSize(20);
    }
}
