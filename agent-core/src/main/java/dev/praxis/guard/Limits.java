package dev.praxis.guard;

/**
 * Size limits against unbounded consumption. An input or final answer over its limit trips
 * the run; a tool result over its limit is cut to the limit with a note the model can read,
 * so one huge web page or query result cannot flood the context window.
 *
 * <pre>{@code
 * LlmAgent.builder().llm(llm).guardrails(Limits.DEFAULT.withMaxToolOutputChars(8_000)).build();
 * }</pre>
 *
 * @param maxInputChars      longest input accepted
 * @param maxOutputChars     longest final answer accepted
 * @param maxToolOutputChars longest tool result passed to the model unshortened
 */
public record Limits(int maxInputChars, int maxOutputChars, int maxToolOutputChars) implements Guardrail {

    /** 100,000 characters of input and output, 50,000 per tool result. */
    public static final Limits DEFAULT = new Limits(100_000, 100_000, 50_000);

    /** Rejects limits below one character. */
    public Limits {
        if (maxInputChars < 1 || maxOutputChars < 1 || maxToolOutputChars < 1) {
            throw new IllegalArgumentException("limits must be at least 1 character: input " + maxInputChars
                    + ", output " + maxOutputChars + ", tool output " + maxToolOutputChars);
        }
    }

    /** These limits with another input limit. */
    public Limits withMaxInputChars(int chars) {
        return new Limits(chars, maxOutputChars, maxToolOutputChars);
    }

    /** These limits with another output limit. */
    public Limits withMaxOutputChars(int chars) {
        return new Limits(maxInputChars, chars, maxToolOutputChars);
    }

    /** These limits with another tool-result limit. */
    public Limits withMaxToolOutputChars(int chars) {
        return new Limits(maxInputChars, maxOutputChars, chars);
    }

    @Override
    public GuardDecision check(String text, GuardContext context) {
        return switch (context.point()) {
            case INPUT -> text.length() > maxInputChars
                    ? GuardDecision.trip("input has " + text.length() + " characters; the limit is " + maxInputChars)
                    : GuardDecision.pass();
            case OUTPUT -> text.length() > maxOutputChars
                    ? GuardDecision.trip("answer has " + text.length() + " characters; the limit is " + maxOutputChars)
                    : GuardDecision.pass();
            case TOOL_OUTPUT -> text.length() > maxToolOutputChars ? truncate(text) : GuardDecision.pass();
        };
    }

    private GuardDecision truncate(String text) {
        int cut = maxToolOutputChars;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return GuardDecision.rewrite(text.substring(0, cut) + "\n[truncated: the first " + cut + " of "
                + text.length() + " characters are shown]", "tool output truncated to " + cut + " characters");
    }
}
