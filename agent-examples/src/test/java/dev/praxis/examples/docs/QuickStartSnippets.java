package dev.praxis.examples.docs;

import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.examples.Arithmetic;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.Retry;
import dev.praxis.memory.MemoryScope;
import dev.praxis.testing.ScriptedLlm;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The code of README.md and docs/getting-started.md; DocsSnippetsTest keeps them equal. */
class QuickStartSnippets {

    private final LlmClient llm = OfflineLlm.basic();

    @Test
    void quickStart() {
        // tag::quick-start[]
        Agent agent = LlmAgent.builder()
                .llm(llm)                                   // any LangChain4j ChatModel: LlmClient.of(chatModel)
                .tools(new Arithmetic())                    // methods annotated with LangChain4j's @Tool
                .systemPrompt("You are a precise assistant. Use the tools for arithmetic.")
                .budget(Budget.DEFAULT.withMaxSteps(8))     // steps, tokens, wall-clock
                .build();

        AgentResult result = agent.run("What is 1234 times 5678?");
        switch (result.status()) {
            case COMPLETED -> System.out.println(result.output());
            default -> System.out.println("stopped: " + result.reason());   // e.g. "step budget exhausted: 8 of 8 steps used"
        }
        // end::quick-start[]
        assertThat(result.output()).endsWith("7006652");
    }

    @Test
    void session() {
        Agent agent = LlmAgent.builder().llm(llm).tools(new Arithmetic()).build();
        // tag::session[]
        var session = MemoryScope.of("alice", "chat-42");
        agent.run(AgentRequest.of("What is 2 plus 3?").inSession(session));
        agent.run(AgentRequest.of("And times 10?").inSession(session));   // sees the first turn
        // end::session[]
    }

    @Test
    void scripted() {
        // tag::scripted[]
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"));
        var result = LlmAgent.builder().llm(llm).tools(new Arithmetic()).build().run("2+3?");
        assertThat(result.output()).isEqualTo("5");
        assertThat(llm.requests()).hasSize(2);
        // end::scripted[]
        assertThat(result.status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void realProvider() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"7006652\"},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,"
                    + "\"total_tokens\":12}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String apiKey = "sk-test";
        String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        try {
            // tag::real-provider[]
            LlmClient llm = LlmClients.from(Map.of(
                    "PRAXIS_MODEL", "openai:gpt-4o-mini",       // provider:model
                    "PRAXIS_API_KEY", apiKey,                   // your key
                    "PRAXIS_BASE_URL", baseUrl))                // leave out for api.openai.com
                    .with(Retry.upTo(3));
            Agent agent = LlmAgent.builder().llm(llm).tools(new Arithmetic()).build();
            AgentResult result = agent.run("What is 1234 times 5678?");
            System.out.println(result.status() + ": " + result.output());
            // end::real-provider[]
            assertThat(result.output()).isEqualTo("7006652");
        } finally {
            server.stop(0);
        }
    }
}
