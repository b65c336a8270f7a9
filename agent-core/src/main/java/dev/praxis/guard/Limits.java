package dev.praxis.guard;

/**
 * Size limits against unbounded consumption: an input or a final answer over its limit trips
 * the run. Tool results are capped once, by the toolbox ({@code ToolLimits.maxResultChars}),
 * with a notice the model can read.
 *
 * <pre>{@code
 * LlmAgent.builder().llm(llm).guardrails(Limits.DEFAULT.withMaxOutputChars(8_000)).build();
 * }</pre>
 *
 * @param maxInputChars  longest input accepted
 * @param maxOutputChars longest final answer accepted
 */
public record Limits(int maxInputChars, int maxOutputChars) implements Guardrail {

    /** 100,000 characters of input and of output. */
    public static final Limits DEFAULT = new Limits(100_000, 100_000);

    /** Rejects limits below one character. */
    public Limits {
        if (maxInputChars < 1 || maxOutputChars < 1) {
            throw new IllegalArgumentException("limits must be at least 1 character: input " + maxInputChars
                    + ", output " + maxOutputChars);
        }
    }

    /** These limits with another input limit. */
    public Limits withMaxInputChars(int chars) {
        return new Limits(chars, maxOutputChars);
    }

    /** These limits with another output limit. */
    public Limits withMaxOutputChars(int chars) {
        return new Limits(maxInputChars, chars);
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
            case TOOL_OUTPUT -> GuardDecision.pass(); // the toolbox's output cap applies
        };
    }
}
