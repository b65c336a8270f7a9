package dev.praxis.tool.internal;

import dev.praxis.PraxisException;

/**
 * A tool threw an {@link Error} (an assertion, a stack overflow, a linkage error): not
 * something the model can act on, so the run that called it ends FAILED with this as its
 * cause, naming the tool.
 */
final class ToolCrash extends PraxisException {

    private static final long serialVersionUID = 1L;

    ToolCrash(String tool, Error cause) {
        super("tool '" + tool + "' threw " + CallChain.describe(cause), cause, false);
    }
}
