package dev.praxis.examples.docs;

import dev.praxis.testing.contract.ConversationMemoryContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmDecorator;
import dev.praxis.llm.LlmException;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolException;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/extending.md, compiled and exercised. */
class ExtendingSnippets {

    // tag::annotated-tool[]
    public class Inventory {
        private final Map<String, Integer> stock = Map.of("kettle", 4, "toaster", 0);

        @dev.langchain4j.agent.tool.Tool("How many of a product are in stock")
        @SideEffects(SideEffect.READ_ONLY)
        public int inStock(@P("the product name, lower case") String product) {
            Integer count = stock.get(product);
            if (count == null) {
                throw new ToolException("unknown product '" + product + "'; known: " + stock.keySet());
            }
            return count;
        }
    }
    // end::annotated-tool[]

    // tag::tool[]
    public final class StockTool implements Tool {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final ToolSpecification spec = ToolSpecification.builder()
                .name("in_stock")
                .description("How many of a product are in stock")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("product", "the product name, lower case")
                        .required("product").build())
                .build();

        @Override
        public ToolSpecification spec() {
            return spec;
        }

        @Override
        public SideEffect sideEffect() {
            return SideEffect.READ_ONLY;
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            try {
                JsonNode product = JSON.readTree(call.arguments()).path("product");
                if (!product.isTextual()) {
                    return ToolResult.failed("'product' must be a string");
                }
                return ToolResult.ok(product.asText().equals("kettle") ? "4" : "0");
            } catch (java.io.IOException e) {
                return ToolResult.failed("arguments are not JSON: " + e.getMessage());
            }
        }
    }
    // end::tool[]

    // tag::llm-backend[]
    /** A model backend: here a fixed rule, in real life an HTTP call to your model server. */
    public final class RuleModel implements LlmClient {
        @Override
        public ChatResponse chat(ChatRequest request) {
            if (request.messages().isEmpty()) {
                throw new LlmException("empty request");                    // not retriable
            }
            String answer = "I saw " + request.messages().size() + " messages and "
                    + request.toolSpecifications().size() + " tools";
            return ChatResponse.builder().aiMessage(AiMessage.from(answer)).build();
        }
    }
    // end::llm-backend[]

    // tag::llm-decorator[]
    /** Logs how long each model call took; wraps any client. */
    public final class Timing implements LlmDecorator {
        private static final Logger log = LoggerFactory.getLogger(Timing.class);

        @Override
        public LlmClient decorate(LlmClient next) {
            return request -> {
                Instant start = Instant.now();
                try {
                    return next.chat(request);
                } finally {
                    log.info("model call took {} ms", Duration.between(start, Instant.now()).toMillis());
                }
            };
        }
    }
    // end::llm-decorator[]

    @Test
    void annotatedAndHandWrittenToolsAnswerAlike() {
        var annotated = Toolbox.of(dev.praxis.tool.Tools.from(new Inventory()));
        var direct = Toolbox.of(new StockTool());

        assertThat(annotated.execute(new ToolCall("1", "inStock", "{\"product\":\"kettle\"}"), ToolContext.NONE))
                .isEqualTo(ToolResult.ok("4"));
        assertThat(direct.execute(new ToolCall("1", "in_stock", "{\"product\":\"kettle\"}"), ToolContext.NONE))
                .isEqualTo(ToolResult.ok("4"));
        assertThat(annotated.execute(new ToolCall("2", "inStock", "{\"product\":\"sofa\"}"), ToolContext.NONE).text())
                .startsWith("Error: unknown product 'sofa'");
        assertThat(new StockTool().execute(new ToolCall("2", "in_stock", "{\"product\":7}"), ToolContext.NONE).text())
                .isEqualTo("Error: 'product' must be a string");       // the toolbox's schema check stops this earlier
        assertThat(direct.execute(new ToolCall("2", "in_stock", "{\"product\":7}"), ToolContext.NONE).text())
                .contains("string expected");
    }

    @Test
    void aToolRunsInsideTheLoop() {
        var llm = dev.praxis.testing.ScriptedLlm.of(toolCall("in_stock", "{\"product\":\"kettle\"}"), text("4 kettles"));

        var result = LlmAgent.builder().llm(llm).tools(new StockTool()).build().run("kettles?");

        assertThat(result.steps().get(0).results()).containsExactly(ToolResult.ok("4"));
    }

    @Test
    void aBackendAndADecoratorMakeAClient() {
        // tag::llm-use[]
        LlmClient llm = new RuleModel().with(new Timing());
        var agent = LlmAgent.builder().llm(llm).tools(new Inventory()).build();
        // end::llm-use[]

        assertThat(agent.run("hello").output()).isEqualTo("I saw 1 messages and 1 tools");
    }

    @Test
    void memoryStoreMeetsTheContract() {
        assertThat(List.of(JsonFileMemoryTest.class.getSuperclass().getSimpleName()))
                .containsExactly("ConversationMemoryContract");
    }
}
