package dev.praxis.tool;

import dev.langchain4j.agent.tool.ToolSpecification;

/**
 * Something the agent can do. The model sees {@link #spec()} (name, description, JSON schema
 * of the arguments) and asks for calls; the {@link Toolbox} runs them.
 *
 * <p>Most tools come from {@link Tools#from(Object)} (methods annotated with LangChain4j's
 * {@code @Tool}) or {@link Tools#of}; implement this interface directly for full control.
 * Implementations must be thread-safe: one tool instance serves many runs at once.
 */
public interface Tool {

    /** The name, description and parameter schema the model sees. */
    ToolSpecification spec();

    /**
     * What running this tool can change. Defaults to {@link SideEffect#EXTERNAL}, the
     * conservative choice; declare {@code READ_ONLY} or {@code WRITE} when that is true.
     */
    default SideEffect sideEffect() {
        return SideEffect.EXTERNAL;
    }

    /**
     * Runs one call. Problems the model can act on are returned as {@link ToolResult.Failed}
     * or thrown as {@link ToolException}; the toolbox also converts any other runtime
     * exception into a {@code Failed} result, so a tool bug never crashes the run.
     */
    ToolResult execute(ToolCall call, ToolContext context);

    /** The tool's name, from its spec. */
    default String name() {
        return spec().name();
    }
}
