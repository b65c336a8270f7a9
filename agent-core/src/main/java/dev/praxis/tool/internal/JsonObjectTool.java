package dev.praxis.tool.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

/**
 * A tool that reads its arguments as a JSON object and can take them already parsed. The chain's
 * last link ({@link CallChain}) hands it the object validation parsed from exactly
 * {@code call.arguments()}; when a link changed the arguments after that, or nothing validated
 * them, the tool is run through {@link Tool#execute} and parses them itself. Either way it gives
 * the same result.
 */
interface JsonObjectTool extends Tool {

    /**
     * {@link #execute(ToolCall, ToolContext)} with {@code arguments}, the parsed and validated
     * {@code call.arguments()}: read it, never change it (validation keeps no other copy).
     */
    ToolResult execute(ToolCall call, ObjectNode arguments, ToolContext context);
}
