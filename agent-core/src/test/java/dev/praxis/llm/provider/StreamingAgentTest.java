package dev.praxis.llm.provider;

import dev.langchain4j.agent.tool.Tool;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.Price;
import dev.praxis.llm.PriceTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.praxis.llm.provider.WireServer.sse;
import static org.assertj.core.api.Assertions.assertThat;

/** The agent loop streaming from a real OpenAI-format SSE server on loopback. */
class StreamingAgentTest {

    private final WireServer server = Wire.start();
    private final LlmClient llm = LlmClients.from(Map.of("PRAXIS_MODEL", "openai:gpt-4o-mini",
            "PRAXIS_BASE_URL", server.url("/v1"), "PRAXIS_API_KEY", "sk-test"));

    /** Adds, and remembers what it was asked. */
    public static final class Adder {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool("Adds two integers")
        public int add(int a, int b) {
            calls.add(a + "+" + b);
            return a + b;
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void streamsPartialTextToListenersAndRunsToolCallsAssembledFromDeltas() {
        server.enqueue(sse(List.of(
                chunk("{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"add\",\"arguments\":\"{\\\"a\\\"\"}}]}"),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":2,\\\"b\\\":3}\"}}]}"),
                finish("tool_calls"), usage(120, 20), "data: [DONE]\n\n")));
        server.enqueue(sse(List.of(chunk("{\"content\":\"The sum \"}"), chunk("{\"content\":\"is 5.\"}"),
                finish("stop"), usage(150, 6), "data: [DONE]\n\n")));
        List<String> partials = new CopyOnWriteArrayList<>();
        var adder = new Adder();
        LlmAgent agent = LlmAgent.builder().llm(llm).tools(adder).streaming(true)
                .prices(PriceTable.of(Map.of("gpt-4o-mini", Price.perMillion("0.15", "0.60"))))
                .listener(event -> {
                    if (event instanceof AgentEvent.PartialText p) {
                        partials.add(p.step() + ":" + p.text());
                    }
                })
                .build();

        AgentResult result = agent.run("What is 2+3?");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("The sum is 5.");
        assertThat(adder.calls).containsExactly("2+3");
        assertThat(partials).containsExactly("2:The sum ", "2:is 5.");
        assertThat(result.usage().inputTokens()).isEqualTo(270);
        // 270 input at 0.15 and 26 output at 0.60 per million
        assertThat(result.usage().cost()).isEqualByComparingTo("0.0000561");
    }

    @Test
    void interruptingTheRunClosesTheModelStreamAndEndsCancelled() throws Exception {
        server.enqueue(WireServer.endlessSse(chunk("{\"content\":\"thinking\"}"), chunk("{\"content\":\".\"}")));
        AtomicReference<Thread> runner = new AtomicReference<>();
        LlmAgent agent = LlmAgent.builder().llm(llm).streaming(true)
                .listener(event -> {
                    if (event instanceof AgentEvent.PartialText) {
                        runner.get().interrupt();
                    }
                })
                .build();
        CompletableFuture<AgentResult> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> result.complete(agent.run("Think forever")));
        runner.set(thread);

        thread.start();

        AgentResult ended = result.get(10, TimeUnit.SECONDS);
        assertThat(ended.status()).isEqualTo(Status.CANCELLED);
        assertThat(ended.reason()).contains("cancelled while the model was streaming");
        assertThat(server.clientHungUp.await(5, TimeUnit.SECONDS)).as("the HTTP stream was closed").isTrue();
    }

    private static String chunk(String delta) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}\n\n";
    }

    private static String usage(int in, int out) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + out
                + ",\"total_tokens\":" + (in + out) + "}}\n\n";
    }

    private static String finish(String reason) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}\n\n";
    }
}
