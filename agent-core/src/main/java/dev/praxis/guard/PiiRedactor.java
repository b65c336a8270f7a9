package dev.praxis.guard;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Replaces personal data with placeholders: {@code [EMAIL]} when masking, or a stable token
 * such as {@code [[EMAIL:3f9a1c2b7d]]} when tokenising through a {@link PiiVault}, so a tool
 * can still receive the real value (see {@link PiiVault#revealTo}).
 *
 * <p>As a {@link Guardrail} it rewrites the input before the model, memory and events see it,
 * each tool result before the model reads it, and the final answer before the caller gets it;
 * restrict it with {@link #at}. {@link #redact} serves logs and stores directly.
 *
 * <pre>{@code
 * PiiVault vault = PiiVault.create();
 * LlmAgent.builder().llm(llm)
 *         .toolbox(vault.revealTo(Toolbox.of(crm)))
 *         .guardrails(PiiRedactor.tokenising(vault))
 *         .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class PiiRedactor implements Guardrail {

    private final PiiDetector detector;
    private final Function<PiiMatch, String> replacement;

    private PiiRedactor(PiiDetector detector, Function<PiiMatch, String> replacement) {
        this.detector = detector;
        this.replacement = replacement;
    }

    /** Masks every kind of PII as {@code [KIND]}. */
    public static PiiRedactor mask() {
        return mask(PiiDetector.all());
    }

    /**
     * Masks only {@code kinds} as {@code [KIND]}.
     *
     * @throws IllegalArgumentException when {@code kinds} is empty
     */
    public static PiiRedactor mask(Set<PiiKind> kinds) {
        return mask(PiiDetector.of(kinds));
    }

    private static PiiRedactor mask(PiiDetector detector) {
        return new PiiRedactor(detector, m -> "[" + m.kind() + "]");
    }

    /** Replaces every kind of PII by a token that {@code vault} can reveal again. */
    public static PiiRedactor tokenising(PiiVault vault) {
        return tokenising(PiiDetector.all(), vault);
    }

    /**
     * Replaces only {@code kinds} by a token that {@code vault} can reveal again.
     *
     * @throws IllegalArgumentException when {@code kinds} is empty
     */
    public static PiiRedactor tokenising(Set<PiiKind> kinds, PiiVault vault) {
        return tokenising(PiiDetector.of(kinds), vault);
    }

    private static PiiRedactor tokenising(PiiDetector detector, PiiVault vault) {
        Objects.requireNonNull(vault, "vault");
        return new PiiRedactor(detector, vault::tokenFor);
    }

    /** {@code text} with every match replaced. */
    public String redact(String text) {
        List<PiiMatch> matches = detector.find(text);
        if (matches.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (PiiMatch match : matches) {
            out.append(text, last, match.start()).append(replacement.apply(match));
            last = match.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    @Override
    public GuardDecision check(String text, GuardContext context) {
        List<PiiMatch> matches = detector.find(text);
        if (matches.isEmpty()) {
            return GuardDecision.pass();
        }
        Map<PiiKind, Long> counts = matches.stream()
                .collect(Collectors.groupingBy(PiiMatch::kind, java.util.TreeMap::new, Collectors.counting()));
        return GuardDecision.rewrite(redact(text), "redacted PII " + counts);
    }
}
