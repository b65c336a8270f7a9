package dev.praxis.tools.internal;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

import java.util.Objects;

/** A tool whose body reads parsed {@link Args} and returns the answer text. */
public final class JsonTool implements Tool {

    /** The body of a {@link JsonTool}; throws {@link dev.praxis.tool.ToolException} for model errors. */
    @FunctionalInterface
    public interface Body {
        /** Computes the answer. */
        String apply(Args args, ToolContext context);
    }

    private final ToolSpecification spec;
    private final SideEffect sideEffect;
    private final Body body;

    /** A tool named {@code name}; every argument is required. */
    public JsonTool(String name, String description, JsonObjectSchema parameters, SideEffect sideEffect, Body body) {
        this.spec = ToolSpecification.builder().name(name).description(description).parameters(parameters).build();
        this.sideEffect = Objects.requireNonNull(sideEffect, "sideEffect");
        this.body = Objects.requireNonNull(body, "body");
    }

    @Override
    public ToolSpecification spec() {
        return spec;
    }

    @Override
    public SideEffect sideEffect() {
        return sideEffect;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        return ToolResult.ok(body.apply(Args.parse(call.arguments()), context));
    }
}
