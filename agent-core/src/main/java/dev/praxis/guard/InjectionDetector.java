package dev.praxis.guard;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A heuristic detector of instruction-like content in text the agent reads (web pages, e-mails,
 * tool output): phrases that address the model, try to override its instructions, fake
 * conversation roles, or direct it to send data somewhere. Each signal adds to a score; text at
 * or above the threshold is {@linkplain InjectionScan#flagged() flagged}.
 *
 * <p>It is a tripwire, not a boundary: a determined attacker can phrase an injection it does
 * not recognise, so containment never relies on it alone (see {@link Containment}). Text is
 * NFKC-normalised and stripped of zero-width characters before matching, so simple
 * obfuscations do not hide the usual phrases. Immutable and thread-safe.
 */
final class InjectionDetector {

    private record Signal(String name, int weight, Pattern pattern) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final List<Signal> SIGNALS = List.of(
            new Signal("override-instructions", 3, Pattern.compile(
                    "\\b(?:ignore|disregard|forget|override|bypass)\\b.{0,40}?\\b(?:previous|prior|above|earlier|all|any|"
                            + "your|the|system)\\b.{0,20}?\\b(?:instructions?|prompts?|directions?|rules?|guidelines?)", FLAGS)),
            new Signal("new-instructions", 2, Pattern.compile(
                    "\\b(?:new|updated|real|actual|hidden)\\s+(?:instructions?|task|objective|orders?)\\s*:", FLAGS)),
            new Signal("addresses-the-model", 2, Pattern.compile(
                    "\\b(?:(?:dear|attention|note to(?: the)?|hey)\\s+(?:ai|assistant|agent|llm|model|chatbot)|"
                            + "(?:ai|llm)\\s+(?:assistant|agent)s?\\s*[,:]|you are now\\b|from now on,? you\\b|"
                            + "act as (?:an?|the)\\b|pretend (?:to be|you are))", FLAGS)),
            new Signal("role-marker", 3, Pattern.compile(
                    "(?:^|\\n)\\s*(?:#{1,3}\\s*)?(?:system|assistant|developer)\\s*:|<\\|?(?:im_start|im_end|system)\\|?>|"
                            + "\\[/?INST]|<</?SYS>>|</?(?:system|instructions?)>", FLAGS)),
            new Signal("exfiltration-request", 3, Pattern.compile(
                    "\\b(?:send|forward|e-?mail|post|upload|transfer|exfiltrate|leak|share|copy)\\b.{0,80}?"
                            + "\\b(?:to|at|into)\\s+(?:[\\w.+-]+@[\\w-]+\\.[\\w.-]+|https?://\\S+)", FLAGS)),
            new Signal("secrecy-request", 2, Pattern.compile(
                    "\\b(?:do not|don't|never|without)\\s+(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|alert(?:ing)?|"
                            + "notify(?:ing)?|asking)\\s+(?:the\\s+)?(?:user|human|owner|customer|anyone)", FLAGS)),
            new Signal("tool-directive", 2, Pattern.compile(
                    "\\b(?:call|use|invoke|run|execute)\\s+(?:the\\s+)?[`'\"]?[a-z][\\w-]{2,}[`'\"]?\\s+(?:tool|function)\\b",
                    FLAGS)),
            new Signal("credential-request", 2, Pattern.compile(
                    "\\b(?:reveal|print|output|show|include|send)\\b.{0,40}?\\b(?:system prompt|api keys?|passwords?|"
                            + "credentials|secrets?|tokens?)\\b", FLAGS)));

    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\uFEFF]");

    private static final InjectionDetector DEFAULT = new InjectionDetector(3);

    private final int threshold;

    private InjectionDetector(int threshold) {
        this.threshold = threshold;
    }

    /** The default detector: one strong signal, or two weak ones, flag the text. */
    static InjectionDetector defaults() {
        return DEFAULT;
    }

    /** A detector that flags text whose score reaches {@code threshold} (at least 1). */
    static InjectionDetector withThreshold(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, got " + threshold);
        }
        return new InjectionDetector(threshold);
    }

    /** Scans {@code text}; never throws. */
    InjectionScan scan(String text) {
        String invisible = INVISIBLE.matcher(text).find() ? "invisible-characters" : null;
        String normal = Normalizer.normalize(INVISIBLE.matcher(text).replaceAll(""), Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        int score = 0;
        for (Signal signal : SIGNALS) {
            if (signal.pattern().matcher(normal).find()) {
                found.add(signal.name());
                score += signal.weight();
            }
        }
        if (invisible != null) {
            found.add(invisible);
            score += 1;
        }
        return new InjectionScan(score, score >= threshold, found);
    }

    /**
     * The result of a scan.
     *
     * @param score   the sum of the signals' weights
     * @param flagged whether the score reached the detector's threshold
     * @param signals the names of the signals found, e.g. {@code override-instructions}
     */
    public record InjectionScan(int score, boolean flagged, List<String> signals) {
        /** Copies the signals. */
        public InjectionScan {
            signals = List.copyOf(signals);
        }
    }
}
