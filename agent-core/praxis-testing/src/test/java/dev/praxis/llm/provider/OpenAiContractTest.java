package dev.praxis.llm.provider;

import dev.praxis.testing.contract.LlmClientContract;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import org.junit.jupiter.api.AfterEach;

import java.util.List;
import java.util.Map;

/** The client contract for the OpenAI-compatible backend, over a loopback server. */
class OpenAiContractTest extends LlmClientContract {

    private static final WireServer.Reply WHOLE = WireServer.json("""
            {"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
             "finish_reason":"stop","message":{"role":"assistant","content":"Hello there."}}],
             "usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}""");

    private static final WireServer.Reply STREAMED = WireServer.sse(List.of(
            chunk("Hello"), chunk(" there."), finish("stop"),
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}\n\n",
            "data: [DONE]\n\n"));

    private final WireServer server = Wire.start()
            .routeBy(request -> request.json().path("stream").asBoolean() ? STREAMED : WHOLE);

    @Override
    protected LlmClient client() {
        return LlmClients.from(Map.of("PRAXIS_MODEL", "openai:m", "PRAXIS_BASE_URL", server.url("/v1")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String chunk(String text) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static String finish(String reason) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}\n\n";
    }
}
