package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.guard.Containment;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.EmbeddingExperienceStore;
import dev.praxis.memory.Experience;
import dev.praxis.memory.ExperienceStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.testing.HashingEmbeddingModel;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tools;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recording, recall bounds, taint and per-person scope of {@link ExperienceLoop}. */
class ExperienceLoopTest {

    private final ExperienceStore store = new EmbeddingExperienceStore(new InMemoryVectorStore(),
            new HashingEmbeddingModel(), ContentCipher.NONE);
    private final List<ChatRequest> seen = new CopyOnWriteArrayList<>();
    /** Looks up the word after "look up" with the lookup tool once, then answers with what it got. */
    private final LlmClient model = request -> {
        seen.add(request);
        var last = request.messages().get(request.messages().size() - 1);
        if (last instanceof dev.langchain4j.data.message.UserMessage user) {
            String word = user.singleText().replaceAll(".*look up (\\w+).*", "$1");
            return ChatResponse.builder().aiMessage(AiMessage.from(List.of(
                    dev.langchain4j.agent.tool.ToolExecutionRequest.builder().id("c1").name("lookup")
                            .arguments("{\"word\":\"" + word + "\"}").build()))).build();
        }
        return ChatResponse.builder().aiMessage(AiMessage.from("Found: " + ((dev.langchain4j.data.message
                .ToolExecutionResultMessage) last).text())).build();
    };

    private LlmAgent agent(ExperienceLoop loop, Containment containment) {
        var builder = LlmAgent.builder().llm(model).systemPrompt("You look things up.").experience(loop)
                .tools(Tools.of("lookup", "Looks a word up", JsonObjectSchema.builder().addStringProperty("word").build(),
                        SideEffect.READ_ONLY, args -> "definition of " + args));
        return containment == null ? builder.build() : builder.containment(containment).build();
    }

    private static AgentRequest as(String user, String input) {
        return AgentRequest.of(input).onBehalfOf(new Owner("acme", user));
    }

    private String systemPromptOf(ChatRequest request) {
        return ((SystemMessage) request.messages().get(0)).text();
    }

    @Test
    void completedRunsAreRecordedWithTheirCallsAndShownToTheNextSimilarRun() {
        var loop = ExperienceLoop.over(store);
        LlmAgent agent = agent(loop, null);

        AgentResult first = agent.run(as("ann", "please look up apple"));
        agent.run(as("ann", "please look up pear"));

        MemoryScope scope = new MemoryScope("acme", "ann", "agent", "experience");
        Experience recorded = store.find(scope, first.runId()).orElseThrow();
        assertThat(recorded.steps()).containsExactly("call lookup {\"word\":\"apple\"} (worked)",
                "answer: Found: definition of {\"word\":\"apple\"}");
        assertThat(systemPromptOf(seen.get(0))).isEqualTo("You look things up.");
        assertThat(systemPromptOf(seen.get(2))).startsWith("You look things up.\n\n" + ExperienceLoop.HEADING)
                .contains("Task: please look up apple\nStep 1: call lookup {\"word\":\"apple\"} (worked)\n");
    }

    @Test
    void examplesAreBoundedInCountAndTokens() {
        LlmAgent recorder = agent(ExperienceLoop.over(store), null);
        for (String word : List.of("apple", "pear", "plum", "fig", "kiwi")) {
            recorder.run(as("ann", "please look up " + word));
        }
        seen.clear();

        agent(ExperienceLoop.over(store).examples(2), null).run(as("ann", "please look up lime"));
        agent(ExperienceLoop.over(store).examples(5).maxTokens(80), null).run(as("ann", "please look up lime"));

        assertThat(systemPromptOf(seen.get(0))).contains("Example 2").doesNotContain("Example 3");
        String tight = systemPromptOf(seen.get(2));
        assertThat(tight).contains("Example 1").doesNotContain("Example 2");
        assertThat((tight.length() - "You look things up.\n\n".length()) / 4).isLessThanOrEqualTo(80);
    }

    @Test
    void aRunThatReadUntrustedContentIsNeverRecorded() {
        var loop = ExperienceLoop.over(store);
        LlmAgent contained = agent(loop, Containment.standard());

        AgentResult tainted = contained.run(as("ann", "please look up apple"));
        seen.clear();
        agent(loop, null).run(as("ann", "please look up pear"));

        assertThat(tainted.completed()).isTrue();
        assertThat(store.find(new MemoryScope("acme", "ann", "agent", "experience"), tainted.runId())).isEmpty();
        assertThat(systemPromptOf(seen.get(0))).isEqualTo("You look things up.");
        assertThatThrownBy(() -> loop.feedback(tainted.runId(), 1.0)).hasMessageContaining("untrusted");
    }

    @Test
    void negativeFeedbackHidesARunAndLaterFeedbackCanShowItAgain() {
        var loop = ExperienceLoop.over(store);
        LlmAgent agent = agent(loop, null);
        AgentResult first = agent.run(as("ann", "please look up apple"));

        loop.feedback(first.runId(), -1.0);
        agent.run(as("ann", "please look up pear"));
        loop.feedback(first.runId(), 0.5);
        seen.clear();
        agent.run(as("ann", "please look up plum"));

        assertThat(store.find(new MemoryScope("acme", "ann", "agent", "experience"), first.runId()).orElseThrow()
                .feedback()).isEqualTo(0.5);
        assertThat(systemPromptOf(seen.get(0))).contains("Task: please look up apple");
        assertThatThrownBy(() -> loop.feedback("no-such-run", 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> loop.feedback(first.runId(), 2)).hasMessageContaining("[-1, 1]");
    }

    @Test
    void onePersonsRunsAreNeverShownToAnother() {
        LlmAgent agent = agent(ExperienceLoop.over(store), null);
        agent.run(as("ann", "please look up apple"));
        seen.clear();

        agent.run(as("bob", "please look up apple"));

        assertThat(systemPromptOf(seen.get(0))).isEqualTo("You look things up.");
    }

    @Test
    void aFailingStoreLeavesTheRunWithoutExamples() {
        ExperienceStore broken = new ExperienceStore() {
            @Override
            public void record(MemoryScope scope, String id, Experience experience) {
                throw new MemoryException("disk full");
            }

            @Override
            public Optional<Experience> find(MemoryScope scope, String id) {
                return Optional.empty();
            }

            @Override
            public List<RecalledExperience> recallSuccessful(MemoryScope scope, String task, int k) {
                throw new MemoryException("database is down");
            }

            @Override
            public long forget(String tenant, String user) {
                return 0;
            }
        };

        AgentResult result = agent(ExperienceLoop.over(broken), null).run(as("ann", "please look up apple"));

        assertThat(result.completed()).isTrue();
        assertThat(systemPromptOf(seen.get(0))).isEqualTo("You look things up.");
    }
}
