package dev.praxis.examples.docs;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.ExperienceLoop;
import dev.praxis.agent.LlmAgent;
import dev.praxis.env.AgentPolicy;
import dev.praxis.env.CartPole;
import dev.praxis.env.Checker;
import dev.praxis.env.EncryptedTrajectoryStore;
import dev.praxis.env.ExperienceReplay;
import dev.praxis.env.FineTuning;
import dev.praxis.env.GridWorld;
import dev.praxis.env.InMemoryTrajectoryStore;
import dev.praxis.env.LlmPolicy;
import dev.praxis.env.QLearning;
import dev.praxis.env.Rollout;
import dev.praxis.env.Split;
import dev.praxis.env.Task;
import dev.praxis.env.TaskEnvironment;
import dev.praxis.env.Trajectory;
import dev.praxis.env.TrajectoryRecorder;
import dev.praxis.env.TrajectoryStore;
import dev.praxis.env.Transition;
import dev.praxis.examples.Arithmetic;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.EmbeddingExperienceStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.KeyRing;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.store.embedding.LocalEmbeddings;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/environments.md, compiled and exercised. */
class LearningSnippets {

    @Test
    void gymLoop() {
        // tag::gym-loop[]
        var env = new CartPole();
        CartPole.State state = env.reset(42);                  // same seed, same episode
        double total = 0;
        boolean done = false;
        while (!done) {
            var push = state.theta() + 0.5 * state.thetaDot() > 0 ? CartPole.Push.RIGHT : CartPole.Push.LEFT;
            Transition<CartPole.State> t = env.step(push);
            total += t.reward();
            state = t.observation();
            done = t.done();                                   // terminated (fell) or truncated (500 steps)
        }
        // end::gym-loop[]
        assertThat(total).isGreaterThan(20);
    }

    @Test
    void qLearning() {
        // tag::q-learning[]
        var env = new CartPole();
        var q = QLearning.<CartPole.State, CartPole.Push>builder(CartPole.discretizer(1, 1, 6, 6), env.actions())
                .alpha(0.1).gamma(0.99).epsilon(1.0, 0.01, 0.99).seed(7)
                .build();
        List<Double> training = q.train(env, 600, 0);          // one total reward per episode
        Trajectory greedy = Rollout.of(env, q.greedy()).play(10_000);
        // end::q-learning[]
        assertThat(training.get(599)).isGreaterThan(training.get(0));
        assertThat(greedy.totalReward()).isEqualTo(500.0);
    }

    @Test
    void llmPolicy() {
        // tag::llm-policy[]
        var grid = GridWorld.parse(List.of("S.#", "..G"), 20);
        var llm = ScriptedLlm.of(toolCall("act", "{\"action\":\"DOWN\"}"), text("I go RIGHT."), text("RIGHT"));
        var policy = LlmPolicy.builder(llm, grid).build();     // offers an `act` tool; plain text works too
        Trajectory episode = Rollout.of(grid, policy).play(0);
        // end::llm-policy[]
        assertThat(episode.steps()).extracting(s -> s.action()).containsExactly("DOWN", "RIGHT", "RIGHT");
        assertThat(episode.totalReward()).isEqualTo(8.0);
    }

    @Test
    void recordFeedbackExport() {
        // tag::record[]
        var store = new InMemoryTrajectoryStore();
        var agent = LlmAgent.builder()
                .llm(ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5")))
                .tools(new Arithmetic())
                .listener(new TrajectoryRecorder(store))       // every run becomes a Trajectory
                .build();
        AgentResult result = agent.run("2+3?");
        store.feedback(result.runId(), 1.0, "correct");

        var jsonl = new StringWriter();
        FineTuning.ExportSummary summary = FineTuning.export(store.all(),
                FineTuning.rewardAtLeast(1.0).and(FineTuning.feedbackAtLeast(0.5)), jsonl);
        // end::record[]
        assertThat(summary.written()).isEqualTo(1);
        assertThat(jsonl.toString()).contains("\"tool_calls\"", "\"role\":\"tool\"");
    }

    @Test
    void preferencesAndSplit() {
        var store = new InMemoryTrajectoryStore();
        var good = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5")))
                .tools(new Arithmetic()).listener(new TrajectoryRecorder(store)).build().run("2+3?");
        var bad = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":2}"), text("4")))
                .tools(new Arithmetic()).listener(new TrajectoryRecorder(store)).build().run("2+3?");
        // tag::preferences[]
        store.feedback(good.runId(), 1.0, "right");
        store.feedback(bad.runId(), -1.0, "added the wrong numbers");

        Split split = FineTuning.split(store.all(), 0.2, 42);        // same seed, same split; sessions stay whole
        var chat = new StringWriter();
        var preferences = new StringWriter();
        FineTuning.export(split.train(), FineTuning.noNegativeFeedback(), chat);
        FineTuning.ExportSummary pairs = FineTuning.exportPreferences(split.train(), preferences);
        // end::preferences[]
        assertThat(split.validation()).hasSize(1);
        assertThat(split.train()).hasSize(1);
        assertThat(pairs.written()).isZero();
        FineTuning.ExportSummary all = FineTuning.exportPreferences(store.all(), preferences);
        assertThat(all.written()).isEqualTo(1);
        assertThat(preferences.toString()).contains("\"preferred_output\"", "\"non_preferred_output\"",
                "\"tools\"");
        var everything = new StringWriter();
        FineTuning.export(store.all(), t -> true, everything);
        assertThat(everything.toString()).contains("\"tools\"", "\"parameters\"");
        assertThat(chat.toString().isEmpty()).isEqualTo(split.train().get(0).feedbackScore().getAsDouble() < 0);
    }

    @Test
    void experienceLoop() {
        // tag::experience-loop[]
        var store = new EmbeddingExperienceStore(new InMemoryVectorStore(), LocalEmbeddings.allMiniLm(),
                ContentCipher.NONE);
        var experience = ExperienceLoop.over(store).examples(3).maxTokens(600);
        var agent = LlmAgent.builder()
                .llm(ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"), text("7")))
                .tools(new Arithmetic())
                .experience(experience)                       // record completed runs, recall similar ones
                .build();
        AgentResult first = agent.run(AgentRequest.of("What is 2+3?").onBehalfOf(new Owner("acme", "ann")));
        experience.feedback(first.runId(), 1.0);              // below 0: never shown again
        AgentResult next = agent.run(AgentRequest.of("What is 3+4?").onBehalfOf(new Owner("acme", "ann")));
        // end::experience-loop[]
        assertThat(next.completed()).isTrue();
        assertThat(store.find(new MemoryScope("acme", "ann", "agent", "experience"), first.runId()))
                .hasValueSatisfying(e -> assertThat(e.steps()).first().asString().startsWith("call add"));
    }

    @Test
    void durableTrajectories(@org.junit.jupiter.api.io.TempDir Path dir) {
        byte[] key = new byte[32];
        // tag::durable-trajectories[]
        try (JdbcStore db = SqliteStore.open(dir.resolve("runs.db"))) {   // or PostgresStore.open(...)
            TrajectoryStore store = EncryptedTrajectoryStore.over(db.trajectories(),
                    KeyRing.of("2026-12", Map.of("2026-12", key)));         // transcripts sealed at rest
            var agent = LlmAgent.builder().llm(ScriptedLlm.of(text("5")))
                    .listener(new TrajectoryRecorder(store)).build();
            AgentResult result = agent.run("2+3?");
            store.feedback(result.runId(), 1.0, "correct");
        }
        // end::durable-trajectories[]
        try (JdbcStore db = SqliteStore.open(dir.resolve("runs.db"))) {
            TrajectoryStore store = EncryptedTrajectoryStore.over(db.trajectories(),
                    KeyRing.of("2026-12", Map.of("2026-12", key)));
            assertThat(store.all()).singleElement().satisfies(t -> assertThat(t.feedbackScore()).hasValue(1.0));
        }
    }

    @Test
    void replay() {
        var store = new InMemoryTrajectoryStore();
        // tag::replay[]
        FineTuning.importDemonstrations(new StringReader(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Convert 7 km to metres\"},"
                        + "{\"role\":\"assistant\",\"content\":\"7000\"}]}"))
                .forEach(store::save);
        var tasks = new TaskEnvironment(List.of(
                new Task("km2", "Convert 2 km to metres", Checker.equalsTo("2000"))));
        var agent = LlmAgent.builder().llm(ScriptedLlm.of(text("2000"))).build();
        var policy = new AgentPolicy(agent).withExperience(ExperienceReplay.from(store).limit(3));
        Trajectory run = Rollout.of(tasks, policy).recordingInto(store).play(0);
        // end::replay[]
        assertThat(run.totalReward()).isEqualTo(1.0);
        assertThat(run.steps().get(0).messages().get(0).toString()).contains("Answer: 7000");
    }
}
