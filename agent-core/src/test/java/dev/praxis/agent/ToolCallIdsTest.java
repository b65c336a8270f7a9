package dev.praxis.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.state.InMemoryCheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.praxis.testing.ScriptedLlm.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Providers that send tool calls without ids (older Ollama, some OpenAI-compatible servers). */
class ToolCallIdsTest {

    private static final MemoryScope SESSION = MemoryScope.of("alice", "s1");

    /** Two calls in one reply, neither with an id. */
    private static ScriptedLlm.Reply callsWithoutIds() {
        return request -> ChatResponse.builder().aiMessage(AiMessage.from(List.of(
                        ToolExecutionRequest.builder().name("debit").arguments("{\"amount\":1}").build(),
                        ToolExecutionRequest.builder().name("credit").arguments("{\"amount\":1}").build())))
                .finishReason(FinishReason.TOOL_EXECUTION).build();
    }

    @Test
    void callsWithoutIdsGetStableIdsSoASessionRemembersTheTurn() {
        var memory = MessageWindowMemory.of(100);
        var ledger = new Ledger();
        var llm = ScriptedLlm.of(callsWithoutIds(), text("moved 1"));
        LlmAgent agent = LlmAgent.builder().llm(llm).memory(memory)
                .tools(ledger.tool("debit", SideEffect.WRITE), ledger.tool("credit", SideEffect.WRITE)).build();

        AgentResult result = agent.run(AgentRequest.of("move 1").inSession(SESSION));

        assertThat(result.status()).as(result.reason()).isEqualTo(Status.COMPLETED);
        List<ChatMessage> remembered = memory.messages(SESSION);
        AiMessage asked = (AiMessage) remembered.get(1);
        List<String> ids = asked.toolExecutionRequests().stream().map(ToolExecutionRequest::id).toList();
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());
        assertThat(remembered.subList(2, 4)).extracting(m -> ((ToolExecutionResultMessage) m).id())
                .containsExactlyElementsOf(ids);
        assertThat(llm.requests().get(1).messages()).filteredOn(ToolExecutionResultMessage.class::isInstance)
                .extracting(m -> ((ToolExecutionResultMessage) m).id()).containsExactlyElementsOf(ids);
    }

    @Test
    void aDurableRunWithCallsWithoutIdsResumesWithoutRepeatingThem() {
        var store = new InMemoryCheckpointStore();
        var ledger = new Ledger();
        ledger.crashIn = "credit";
        LlmAgent crashing = LlmAgent.builder().llm(ScriptedLlm.of(callsWithoutIds())).checkpoints(store)
                .tools(ledger.tool("debit", SideEffect.WRITE), ledger.tool("credit", SideEffect.WRITE)).build();
        try {
            crashing.run(AgentRequest.of("move 1").inSession(SESSION));
        } catch (Ledger.Crash expected) {
            // the process "died" inside credit
        }
        String runId = store.runIds(RunState.Phase.RUNNING).get(0);
        var second = ScriptedLlm.of(text("checked"));

        AgentResult result = LlmAgent.builder().llm(second).checkpoints(store)
                .tools(ledger.tool("debit", SideEffect.WRITE), ledger.tool("credit", SideEffect.WRITE)).build()
                .resume(runId);

        assertThat(result.status()).as(result.reason()).isEqualTo(Status.COMPLETED);
        assertThat(ledger.executed).containsExactlyInAnyOrder("debit {\"amount\":1}", "credit {\"amount\":1}");
        assertThat(store.load(runId).orElseThrow().calls()).hasSize(2)
                .allSatisfy(c -> assertThat(c.key()).doesNotContain("#"));
    }
}
