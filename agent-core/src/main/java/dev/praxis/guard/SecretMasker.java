package dev.praxis.guard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in text as {@code [SECRET]}: well-known API key and token formats
 * (OpenAI, Anthropic, AWS, GitHub, Slack, Google, JWTs), bearer/basic authorization values,
 * passwords and keys in {@code name=value} or JSON form, credentials in URLs, PEM private
 * keys, and any exact value the application registers (its own keys, read from config).
 *
 * <p>The observe listeners and the audit log pass every text through a masker before it
 * reaches a log line, span or file; as a {@link Guardrail} it also keeps secrets a user pastes
 * out of the prompt and memory. Immutable and thread-safe.
 */
public final class SecretMasker implements Guardrail {

    /** What a masked secret becomes. */
    public static final String MASK = "[SECRET]";

    private static final List<Pattern> WHOLE = List.of(
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("(?<![A-Za-z0-9])sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}"),
            Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])"),
            Pattern.compile("(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"),
            Pattern.compile("(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}"),
            Pattern.compile("(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"));

    /** Masks group 2, keeping group 1 (the name or scheme) readable. */
    private static final List<Pattern> VALUE_AFTER = List.of(
            Pattern.compile("(?i)\\b((?:bearer|basic|token)\\s+)([A-Za-z0-9._~+/=-]{12,})"),
            Pattern.compile("(?i)((?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token"
                    + "|refresh[_-]?token|client[_-]?secret|private[_-]?key|x-api-key)[\"']?\\s*[:=]\\s*[\"']?)"
                    + "([^\\s\"',;&}]{3,})"),
            Pattern.compile("(://[^/\\s:@]{1,64}:)([^@\\s/]{1,128})(?=@)"));

    private static final SecretMasker DEFAULT = new SecretMasker(List.of());

    private final List<String> values;

    private SecretMasker(List<String> values) {
        this.values = values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** A masker for the built-in formats. */
    public static SecretMasker defaults() {
        return DEFAULT;
    }

    /**
     * A masker for the built-in formats and these exact values. Values shorter than 6
     * characters are rejected: masking them would mangle ordinary text.
     */
    public SecretMasker withValues(Collection<String> secrets) {
        List<String> all = new ArrayList<>(values);
        for (String secret : secrets) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length() < 6) {
                throw new IllegalArgumentException("a registered secret must have at least 6 characters, got "
                        + secret.length());
            }
            all.add(secret);
        }
        return new SecretMasker(all);
    }

    /** {@code text} with every secret replaced by {@link #MASK}; {@code null} stays null. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : values) {
            out = out.replace(value, MASK);
        }
        for (Pattern pattern : WHOLE) {
            out = pattern.matcher(out).replaceAll(MASK);
        }
        for (Pattern pattern : VALUE_AFTER) {
            Matcher m = pattern.matcher(out);
            out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
        }
        return out;
    }

    @Override
    public GuardDecision check(String text, GuardContext context) {
        String masked = mask(text);
        return masked.equals(text) ? GuardDecision.pass() : GuardDecision.rewrite(masked, "masked secrets");
    }
}
