package dev.praxis.tools.mcp;

import dev.praxis.PraxisException;

/** An MCP server could not be reached, started or initialized; retriable, as servers restart. */
public class McpException extends PraxisException {

    private static final long serialVersionUID = 1L;

    /** A failure with its cause. */
    public McpException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
