package dev.praxis.tool;

import dev.praxis.PraxisException;

/**
 * Thrown by a tool to report a failure in words meant for the model. The toolbox turns it
 * into {@link ToolResult.Failed} with exactly this message, rather than the generic text it
 * uses for unexpected exceptions.
 */
public class ToolException extends PraxisException {

    private static final long serialVersionUID = 1L;

    /** A failure the model cannot fix by repeating the same call. */
    public ToolException(String message) {
        super(message, null, false);
    }

    /** A failure with an explicit retriable flag. */
    public ToolException(String message, boolean retriable) {
        super(message, null, retriable);
    }
}
