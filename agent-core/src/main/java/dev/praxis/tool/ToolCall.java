package dev.praxis.tool;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

import java.util.Objects;

/**
 * One request from the model to run a tool.
 *
 * @param id        the model's id for this call (echoed back with the result); never null
 * @param name      the tool's name as the model spelled it
 * @param arguments the arguments as raw JSON text, exactly as the model sent them; may be
 *                  malformed, which the tool reports as a {@link ToolResult.Failed}
 */
public record ToolCall(String id, String name, String arguments) {

    /** Validates that no component is null; empty arguments become {@code "{}"}. */
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
    }

    /** Converts a LangChain4j tool execution request; a missing id becomes {@code ""}. */
    public static ToolCall from(ToolExecutionRequest request) {
        return new ToolCall(request.id() == null ? "" : request.id(),
                request.name() == null ? "" : request.name(), request.arguments());
    }

    /** Converts back to the LangChain4j request this call answers. */
    public ToolExecutionRequest toRequest() {
        return ToolExecutionRequest.builder().id(id).name(name).arguments(arguments).build();
    }
}
