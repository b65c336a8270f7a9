package dev.praxis.tool.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arguments are parsed once: the object validation parsed reaches a {@link JsonObjectTool} through
 * the chain, and a link that changes the arguments sends the tool the object parsed from the new
 * text (validated again), never the old one.
 */
class ParsedOnceTest {

    /** How each call reached the tool: "parsed {...}" or "text {...}". */
    private final List<String> received = new CopyOnWriteArrayList<>();

    private final JsonObjectTool pay = new JsonObjectTool() {
        @Override
        public ToolSpecification spec() {
            return ToolSpecification.builder().name("pay").parameters(JsonObjectSchema.builder()
                    .addIntegerProperty("amount").required("amount").build()).build();
        }

        @Override
        public SideEffect sideEffect() {
            return SideEffect.READ_ONLY;
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            received.add("text " + call.arguments());
            return ToolResult.ok("paid");
        }

        @Override
        public ToolResult execute(ToolCall call, ObjectNode arguments, ToolContext context) {
            received.add("parsed " + arguments.get("amount").intValue() + " from " + call.arguments());
            return ToolResult.ok("paid");
        }
    };

    private static ToolCall pay(String arguments) {
        return new ToolCall("c1", "pay", arguments);
    }

    @Test
    void theToolGetsTheObjectValidationParsed() {
        Toolbox toolbox = Toolbox.of(pay).withInterceptor(chain -> chain.proceed(chain.call()));

        toolbox.execute(pay("{\"amount\": 5}"), ToolContext.NONE);

        assertThat(received).containsExactly("parsed 5 from {\"amount\": 5}");
    }

    @Test
    void changedArgumentsReachTheToolParsedFromTheirNewText() {
        Toolbox toolbox = Toolbox.of(pay).withInterceptor(chain -> chain.proceed(pay("{\"amount\":7}")));

        toolbox.execute(pay("{\"amount\":5}"), ToolContext.NONE);

        assertThat(received).containsExactly("parsed 7 from {\"amount\":7}");
    }

    @Test
    void changedArgumentsThatFailValidationNeverReachTheTool() {
        Toolbox toolbox = Toolbox.of(pay).withInterceptor(chain -> chain.proceed(pay("{\"amount\":\"lots\"}")));

        ToolResult result = toolbox.execute(pay("{\"amount\":5}"), ToolContext.NONE);

        assertThat(received).isEmpty();
        assertThat(result.text()).contains("invalid arguments for tool 'pay'");
    }
}
