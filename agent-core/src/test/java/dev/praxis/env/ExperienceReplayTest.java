package dev.praxis.env;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.EmbeddingExperienceStore;
import dev.praxis.memory.Experience;
import dev.praxis.testing.HashingEmbeddingModel;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static dev.praxis.testing.ScriptedLlm.text;
import static org.assertj.core.api.Assertions.assertThat;

class ExperienceReplayTest {

    private static final Pattern TASK = Pattern.compile("Observation:\\nConvert (\\d+) km to metres");

    private final TaskEnvironment tasks = new TaskEnvironment(IntStream.rangeClosed(1, 4)
            .mapToObj(n -> new Task("km" + n, "Convert " + n + " km to metres", Checker.equalsTo(n * 1000 + "")))
            .toList());
    private final InMemoryTrajectoryStore store = new InMemoryTrajectoryStore();

    private static final Pattern EXAMPLE = Pattern.compile("Task: Convert (\\d+) km to metres\\nAnswer: (.+)");

    /**
     * A scripted model that knows the arithmetic but not the expected answer format: on its own it
     * answers tersely only every other time; when the prompt shows a worked example it copies that
     * example's answer, its numbers replaced by this task's. So it succeeds only if the example it is
     * shown was itself right: a recalled failure, or no example, shows in the success rate.
     */
    private static ScriptedLlm formatFollowingModel(int calls) {
        AtomicInteger count = new AtomicInteger();
        return ScriptedLlm.of(IntStream.range(0, calls).mapToObj(i -> (ScriptedLlm.Reply) request -> {
            String prompt = userPrompt(request);
            Matcher m = TASK.matcher(prompt);
            int km = m.find() ? Integer.parseInt(m.group(1)) : -1;
            Matcher example = EXAMPLE.matcher(prompt);
            String answer;
            if (example.find()) {
                int shown = Integer.parseInt(example.group(1));
                answer = example.group(2).replace(String.valueOf(shown * 1000), String.valueOf(km * 1000))
                        .replace(shown + " km", km + " km");
            } else {
                answer = count.getAndIncrement() % 2 == 0 ? String.valueOf(km * 1000)
                        : km + " km is " + km * 1000 + " metres.";
            }
            return text(answer).reply(request);
        }).toArray(ScriptedLlm.Reply[]::new));
    }

    private static String userPrompt(ChatRequest request) {
        return ((UserMessage) request.messages().get(1)).singleText();
    }

    private double successRate(List<Trajectory> runs) {
        return runs.stream().mapToDouble(Trajectory::totalReward).average().orElseThrow();
    }

    @Test
    void bestPastTrajectoriesReachThePromptAndSuccessRateGoesUp() {
        var llm = formatFollowingModel(8);
        var plain = LlmPolicy.builder(llm, tasks).offerTool(false).build();
        var replaying = LlmPolicy.builder(llm, tasks).offerTool(false)
                .experience(ExperienceReplay.from(store).limit(2)).build();

        double before = successRate(Rollout.of(tasks, plain).recordingInto(store).play(0, tasks.size()));
        double after = successRate(Rollout.of(tasks, replaying).recordingInto(store).play(0, tasks.size()));

        assertThat(before).isEqualTo(0.5);
        assertThat(after).isEqualTo(1.0);
        assertThat(userPrompt(llm.requests().get(0))).doesNotContain("Example");
        // task 3 failed nowhere: its own terse success comes first, then a similar one
        String replayed = userPrompt(llm.requests().get(6));
        assertThat(replayed).startsWith("Examples of similar tasks solved well before:\n\n"
                + "Example 1\nTask: Convert 3 km to metres\nAnswer: 3000\n\nExample 2\nTask: Convert ");
        // task 2 failed before: it learns from the similar tasks that succeeded
        assertThat(userPrompt(llm.requests().get(5))).contains("Answer: 1000").doesNotContain("km is");
    }

    @Test
    void aRecalledFailureWouldBeCopied() {
        Rollout.of(tasks, o -> Decision.of(o.contains("1 km") ? "1 km is 1000 metres." : "x")).recordingInto(store)
                .play(0, 1);
        var llm = formatFollowingModel(1);
        // minReward 0 lets the failed run through: the model copies its wrong format and fails too
        var careless = LlmPolicy.builder(llm, tasks).offerTool(false)
                .experience(ExperienceReplay.from(store).minReward(0)).build();

        double rate = successRate(Rollout.of(tasks, careless).play(2, 1));

        assertThat(rate).isZero();
        assertThat(userPrompt(llm.requests().get(0))).contains("Answer: 1 km is 1000 metres.");
    }

    @Test
    void recallsOnlySuccessfulSimilarRunsWithoutNegativeFeedback() {
        Rollout.of(tasks, o -> Decision.of(o.contains("2") ? "2000" : "wrong")).recordingInto(store).play(0, 4);
        Trajectory good = store.all().get(1);
        store.feedback(good.id(), -0.5, "right number, rude tone");

        assertThat(ExperienceReplay.from(store).recall("Convert 9 km to metres")).isEmpty();
        store.feedback(good.id(), 1.0, "fine after all");
        assertThat(ExperienceReplay.from(store).recall("Convert 9 km to metres")).containsExactly(
                store.find(good.id()).orElseThrow());
        assertThat(ExperienceReplay.from(store).recall("Bake a cake")).isEmpty();
    }

    @Test
    void importedDemonstrationsServeAsExamples() {
        String demo = "{\"messages\":[{\"role\":\"user\",\"content\":\"Convert 7 km to metres\"},"
                + "{\"role\":\"assistant\",\"content\":\"7000\"}]}";
        FineTuning.importDemonstrations(new StringReader(demo)).forEach(store::save);
        var llm = formatFollowingModel(4);
        var policy = LlmPolicy.builder(llm, tasks).offerTool(false).experience(ExperienceReplay.from(store)).build();

        double rate = successRate(Rollout.of(tasks, policy).play(0, tasks.size()));

        assertThat(rate).isEqualTo(1.0);
        assertThat(userPrompt(llm.requests().get(0))).contains("Task: Convert 7 km to metres\nAnswer: 7000");
    }

    @Test
    void replaysFromTheMemoryModulesExperienceStore() {
        var experiences = new EmbeddingExperienceStore(new InMemoryVectorStore(), new HashingEmbeddingModel(),
                ContentCipher.NONE);
        var scope = MemoryScope.of("alice", "units");
        var llm = formatFollowingModel(8);
        List<Trajectory> baseline = Rollout.of(tasks, LlmPolicy.builder(llm, tasks).offerTool(false).build())
                .play(0, tasks.size());
        baseline.forEach(t -> experiences.record(scope, t.toExperience(1.0)));
        var replaying = LlmPolicy.builder(llm, tasks).offerTool(false)
                .experience(ExperienceReplay.from(experiences, scope).limit(2)).build();

        double after = successRate(Rollout.of(tasks, replaying).play(0, tasks.size()));

        assertThat(successRate(baseline)).isEqualTo(0.5);
        assertThat(after).isEqualTo(1.0);
        String prompt = userPrompt(llm.requests().get(5));
        assertThat(prompt).contains("Examples of similar tasks").doesNotContain("km is");
        assertThat(baseline.get(1).toExperience(1.0).outcome()).isEqualTo(Experience.Outcome.FAILED);
        assertThat(ExperienceReplay.from(experiences, MemoryScope.of("bob", "units")).examplesFor("Convert 2 km to metres"))
                .isEmpty();
    }
}
