package dev.praxis.tool.internal;

import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.ToolResult;

/**
 * The built-in link next to the tool: cuts an answer (or error) longer than
 * {@code maxChars} and ends it with a notice the model can act on.
 */
public final class OutputCap implements ToolInterceptor {

    private final int maxChars;

    /** Caps results at {@code maxChars} characters (at least 200). */
    public OutputCap(int maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public ToolResult intercept(Chain chain) {
        ToolResult result = chain.proceed(chain.call());
        if (result instanceof ToolResult.Ok ok && ok.content().length() > maxChars) {
            return ok.withContent(truncate(ok.content()));
        }
        if (result instanceof ToolResult.Failed f && f.error().length() > maxChars) {
            return new ToolResult.Failed(truncate(f.error()), f.retriable());
        }
        return result;
    }

    private String truncate(String text) {
        int cut = maxChars - 180;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "\n\n[truncated: the result had " + text.length() + " characters; only the first "
                + cut + " are shown. Ask for less (a narrower query, range or filter) to see the rest.]";
    }
}
