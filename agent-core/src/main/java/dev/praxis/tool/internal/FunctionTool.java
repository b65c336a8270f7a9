package dev.praxis.tool.internal;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

import java.util.Objects;
import java.util.function.Function;

/** A tool backed by a function of the raw JSON arguments. */
public final class FunctionTool implements Tool {

    private final ToolSpecification spec;
    private final SideEffect sideEffect;
    private final Function<String, String> function;

    /** Creates the tool; every argument is required. */
    public FunctionTool(ToolSpecification spec, SideEffect sideEffect, Function<String, String> function) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.sideEffect = Objects.requireNonNull(sideEffect, "sideEffect");
        this.function = Objects.requireNonNull(function, "function");
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
        String answer = function.apply(call.arguments());
        return ToolResult.ok(answer == null ? "" : answer);
    }
}
