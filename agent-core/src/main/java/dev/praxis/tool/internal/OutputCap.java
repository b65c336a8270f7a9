package dev.praxis.tool.internal;

import dev.praxis.tool.ToolResult;

/**
 * The built-in innermost step of every call: cuts the tool's answer (or error) when it is longer
 * than {@code maxChars} and ends it with a notice the model can act on. The chain applies it to
 * what the tool returns ({@link CallLinks}), so every interceptor sees the capped result.
 */
final class OutputCap {

    private final int maxChars;

    /** Caps results at {@code maxChars} characters (at least 200). */
    OutputCap(int maxChars) {
        this.maxChars = maxChars;
    }

    /** {@code result}, cut to at most {@code maxChars} characters with a notice. */
    ToolResult apply(ToolResult result) {
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
