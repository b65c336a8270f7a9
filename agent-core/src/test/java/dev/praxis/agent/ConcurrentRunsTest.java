package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentRunsTest {

    /** A model whose answer depends only on the request, so every session can check its own. */
    private static final LlmClient ECHO_ADDER = request -> {
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.get(messages.size() - 1);
        if (last instanceof UserMessage user) {
            int n = Integer.parseInt(user.singleText().substring("n=".length()));
            return ScriptedLlm.toolCall("add", "{\"a\":" + n + ",\"b\":" + n + "}").reply(request);
        }
        Thread.yield();
        String sum = ((ToolExecutionResultMessage) last).text();
        return ChatResponse.builder().aiMessage(AiMessage.from("sum=" + sum + " seen=" + messages.size())).build();
    };

    @Test
    void thousandConcurrentRunsOnOneAgentGiveIsolatedCorrectResults() throws Exception {
        var memory = MessageWindowMemory.of(20);
        var agent = LlmAgent.builder().llm(ECHO_ADDER).tools(new Calculator()).memory(memory).build();
        int runs = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(64);
        var start = new CountDownLatch(1);
        List<Future<AgentResult>> futures = new ArrayList<>();
        var runIds = new java.util.HashSet<String>();
        try {
            for (int i = 0; i < runs; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return agent.run(AgentRequest.of("n=" + n).inSession(MemoryScope.of("user" + n, "s")));
                }));
            }
            start.countDown();
            for (int i = 0; i < runs; i++) {
                AgentResult result = futures.get(i).get(60, TimeUnit.SECONDS);
                assertThat(result.status()).isEqualTo(Status.COMPLETED);
                assertThat(result.output()).isEqualTo("sum=" + (2 * i) + " seen=3");
                runIds.add(result.runId());
                assertThat(memory.messages(MemoryScope.of("user" + i, "s")))
                        .hasSize(4)
                        .first().isEqualTo(UserMessage.from("n=" + i));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runIds).hasSize(runs);
    }

    @Test
    void concurrentTurnsOfOneSessionAreEachStoredWhole() throws Exception {
        var memory = MessageWindowMemory.of(10_000);
        var agent = LlmAgent.builder().llm(ECHO_ADDER).tools(new Calculator()).memory(memory).build();
        var session = MemoryScope.session("shared");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<AgentResult>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                futures.add(pool.submit(() -> agent.run(AgentRequest.of("n=" + n).inSession(session))));
            }
            for (Future<AgentResult> f : futures) {
                assertThat(f.get(60, TimeUnit.SECONDS).status()).isEqualTo(Status.COMPLETED);
            }
        } finally {
            pool.shutdownNow();
        }
        List<ChatMessage> stored = memory.messages(session);
        assertThat(stored).hasSize(800);
        for (int i = 0; i < stored.size(); i++) {
            if (stored.get(i) instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
                assertThat(stored.get(i + 1)).isInstanceOf(ToolExecutionResultMessage.class);
                assertThat(((ToolExecutionResultMessage) stored.get(i + 1)).id())
                        .isEqualTo(ai.toolExecutionRequests().get(0).id());
            }
        }
    }

}
