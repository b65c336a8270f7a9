package dev.praxis.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ImageContent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClients;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.praxis.llm.provider.MultimodalWireTest.ANTHROPIC_OK;
import static dev.praxis.llm.provider.MultimodalWireTest.PNG;
import static dev.praxis.llm.provider.WireServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A multimodal run end to end: an image in, a tool returning an image, over a provider's real wire format. */
class MultimodalAgentTest {

    static final String PHOTO = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////2Q==";

    /** Returns a chart image beside its caption. */
    static final class Chart implements Tool {
        @Override
        public ToolSpecification spec() {
            return ToolSpecification.builder().name("chart").description("Draws the sales chart").build();
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            return ToolResult.ok("Sales by month:", List.of(ImageContent.from(PNG, "image/png")));
        }
    }

    private final WireServer server = Wire.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anImageInAndAToolImageOutReachTheModelOverAnthropicsWireFormat() throws Exception {
        server.enqueue(json("""
                {"id":"m1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"tool_use","id":"toolu_1","name":"chart","input":{}}],
                 "stop_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":5}}"""));
        server.enqueue(json(ANTHROPIC_OK));
        LlmAgent agent = LlmAgent.builder().llm(LlmClients.from(Map.of("PRAXIS_MODEL", "anthropic:claude-sonnet-4-5",
                "PRAXIS_BASE_URL", server.url("/v1"), "PRAXIS_API_KEY", "k"))).tools(new Chart()).build();

        AgentResult result = agent.run(AgentRequest.of("Does the chart match this receipt?")
                .attach(ImageContent.from(PHOTO, "image/jpeg")));

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        JsonNode first = server.takeRequest().json().path("messages");
        assertThat(first.get(0).path("content").get(1).path("source").path("data").asText()).isEqualTo(PHOTO);
        assertThat(first.get(0).path("content").get(1).path("source").path("media_type").asText()).isEqualTo("image/jpeg");
        JsonNode second = server.takeRequest().json().path("messages");
        assertThat(second).hasSize(3);
        JsonNode toolResult = second.get(2).path("content").get(0);
        assertThat(toolResult.path("type").asText()).isEqualTo("tool_result");
        assertThat(toolResult.path("content").get(0).path("text").asText()).isEqualTo("Sales by month:");
        assertThat(toolResult.path("content").get(1).path("source").path("data").asText()).isEqualTo(PNG);
    }

    @Test
    void overOpenAiTheToolImageFollowsAsAUserMessageInTheNextTurn() throws Exception {
        server.enqueue(json("""
                {"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,
                 "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_9","type":"function",
                   "function":{"name":"chart","arguments":"{}"}}]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}"""));
        server.enqueue(json(MultimodalWireTest.OPENAI_OK));
        LlmAgent agent = LlmAgent.builder().llm(LlmClients.from(Map.of("PRAXIS_MODEL", "openai:gpt-4o-mini",
                "PRAXIS_BASE_URL", server.url("/v1"), "PRAXIS_API_KEY", "k"))).tools(new Chart()).build();

        AgentResult result = agent.run(AgentRequest.of("Show me the chart."));

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        server.takeRequest();
        JsonNode messages = server.takeRequest().json().path("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("content").get(1).path("image_url").path("url").asText())
                .isEqualTo("data:image/png;base64," + PNG);
    }
}
