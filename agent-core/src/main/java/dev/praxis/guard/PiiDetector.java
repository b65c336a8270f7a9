package dev.praxis.guard;

import dev.praxis.guard.internal.Checksums;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in text: patterns narrowed by check digits where the format has them
 * (Luhn for cards, mod-97 for IBANs, MOD 11-2 for Chinese resident IDs), so most look-alike
 * numbers are not reported. Heuristic by nature: it misses data written in unusual forms and
 * may flag a number that merely looks right. Immutable and thread-safe.
 */
public final class PiiDetector {

    private record Rule(PiiKind kind, Pattern pattern, Predicate<String> valid) {
    }

    private static final String NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}_])";
    private static final String NOT_WORD_AFTER = "(?![\\p{L}\\p{N}_])";

    // Checked in this order; a later match overlapping an earlier one is dropped, so the
    // precise, checksummed formats win over the loose ones (a card number is not a phone).
    private static final List<Rule> RULES = List.of(
            new Rule(PiiKind.EMAIL, Pattern.compile(NOT_WORD_BEFORE
                    + "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}" + NOT_WORD_AFTER),
                    s -> true),
            new Rule(PiiKind.CN_RESIDENT_ID, Pattern.compile(NOT_WORD_BEFORE + "\\d{17}[\\dXx]" + NOT_WORD_AFTER),
                    Checksums::chineseResidentId),
            new Rule(PiiKind.IBAN, Pattern.compile(NOT_WORD_BEFORE
                    + "[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?" + NOT_WORD_AFTER), Checksums::iban),
            new Rule(PiiKind.PAYMENT_CARD, Pattern.compile(NOT_WORD_BEFORE
                    + "\\d(?:[ -]?\\d){12,18}" + NOT_WORD_AFTER), Checksums::luhn),
            new Rule(PiiKind.US_SSN, Pattern.compile(NOT_WORD_BEFORE + "\\d{3}-\\d{2}-\\d{4}" + NOT_WORD_AFTER),
                    Checksums::usSsn),
            new Rule(PiiKind.IP_ADDRESS, Pattern.compile(NOT_WORD_BEFORE + "(?<!\\p{N}\\.)"
                    + "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                    + "(?![\\p{N}.]\\p{N})" + NOT_WORD_AFTER), s -> true),
            new Rule(PiiKind.IP_ADDRESS, Pattern.compile("(?<![\\p{L}\\p{N}_:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"
                    + "(?![\\p{L}\\p{N}_:])"), Checksums::ipv6),
            new Rule(PiiKind.PHONE, Pattern.compile("(?<![\\p{L}\\p{N}_+])(?:"
                    + "\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?)(?:[ .-]?\\d{2,4}){2,4}"
                    + "|\\(\\d{2,4}\\)[ .-]?\\d{3,4}[ .-]?\\d{3,4}"
                    + "|\\d{3}[.-]\\d{3}[.-]\\d{4})" + NOT_WORD_AFTER), PiiDetector::plausiblePhone));

    private static final PiiDetector ALL = new PiiDetector(EnumSet.allOf(PiiKind.class));

    private final Set<PiiKind> kinds;

    private PiiDetector(Set<PiiKind> kinds) {
        this.kinds = Set.copyOf(kinds);
    }

    /** A detector for every {@link PiiKind}. */
    public static PiiDetector all() {
        return ALL;
    }

    /** A detector for {@code kinds} only. */
    public static PiiDetector of(Set<PiiKind> kinds) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a PII detector needs at least one kind");
        }
        return new PiiDetector(EnumSet.copyOf(kinds));
    }

    /** The kinds this detector looks for. */
    public Set<PiiKind> kinds() {
        return kinds;
    }

    /** Every match in {@code text}, in text order, without overlaps. */
    public List<PiiMatch> find(String text) {
        List<PiiMatch> found = new ArrayList<>();
        for (Rule rule : RULES) {
            if (!kinds.contains(rule.kind())) {
                continue;
            }
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                if (rule.valid().test(m.group()) && !overlaps(found, m.start(), m.end())) {
                    found.add(new PiiMatch(rule.kind(), m.start(), m.end(), m.group()));
                }
            }
        }
        found.sort(Comparator.comparingInt(PiiMatch::start));
        return List.copyOf(found);
    }

    /** Counts of each kind found in {@code text}. */
    public Map<PiiKind, Long> count(String text) {
        Map<PiiKind, Long> counts = new java.util.EnumMap<>(PiiKind.class);
        for (PiiMatch match : find(text)) {
            counts.merge(match.kind(), 1L, Long::sum);
        }
        return counts;
    }

    private static boolean overlaps(List<PiiMatch> found, int start, int end) {
        for (PiiMatch match : found) {
            if (start < match.end() && match.start() < end) {
                return true;
            }
        }
        return false;
    }

    private static boolean plausiblePhone(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        return digits >= 8 && digits <= 15;
    }
}
