package dev.praxis.guard;


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
 * (issuer prefix, length and Luhn for cards, mod-97 for IBANs, MOD 11-2 for Chinese resident
 * IDs), so most look-alike numbers are not reported. Phone numbers are found written
 * internationally ({@code +} and a country code) for any country, and in the national formats
 * of the United States and Canada, the United Kingdom, Germany, France, China and Japan (see
 * {@link PiiKind#PHONE}). Boundaries are Unicode-aware: text in scripts written without spaces
 * (Chinese, Japanese, Korean, Thai) may touch an address or number directly. Precision and
 * recall per kind on a labelled set are in {@code docs/security.md}. Heuristic by nature: it misses data written in unusual forms and
 * may flag a number that merely looks right. Immutable and thread-safe.
 */
final class PiiDetector {

    private record Rule(PiiKind kind, Pattern pattern, Predicate<String> valid) {
    }

    // Latin letters and digits glue onto a number or address ("ID4111...", "v1.2.3"); CJK, Thai and other
    // scripts written without spaces do not, so "请致电13812345678" and "联系ann@example.com" are found whole.
    private static final String NOT_WORD_BEFORE = "(?<![\\p{IsLatin}\\p{N}_])";
    private static final String NOT_WORD_AFTER = "(?![\\p{IsLatin}\\p{N}_])";
    // an address's local part may be in any alphabetic script with spaces between words (müller@...), never in CJK
    private static final String LOCAL_PART = "\\p{IsLatin}\\p{IsGreek}\\p{IsCyrillic}0-9._%+-";
    // a number inside a longer dotted, dashed or coloned one (a version, date, time or account) is not one of its own
    private static final String NOT_NUMBER_BEFORE = "(?<![\\p{IsLatin}\\p{N}_+])(?<!\\p{N}[./:,-])";
    private static final String NOT_NUMBER_AFTER = "(?![\\p{IsLatin}\\p{N}_])(?![./:,-]\\p{N})";

    // Checked in this order; a later match overlapping an earlier one is dropped, so the
    // precise, checksummed formats win over the loose ones (a card number is not a phone).
    private static final List<Rule> RULES = List.of(
            new Rule(PiiKind.EMAIL, Pattern.compile("(?<![" + LOCAL_PART + "])"
                    + "[" + LOCAL_PART + "]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![A-Za-z0-9_-])(?!:\\S)"),
                    s -> true),
            new Rule(PiiKind.CN_RESIDENT_ID, Pattern.compile(NOT_WORD_BEFORE + "\\d{17}[\\dXx]" + NOT_WORD_AFTER),
                    Checksums::chineseResidentId),
            new Rule(PiiKind.IBAN, Pattern.compile(NOT_WORD_BEFORE
                    + "[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?" + NOT_WORD_AFTER), Checksums::iban),
            new Rule(PiiKind.PAYMENT_CARD, Pattern.compile(NOT_WORD_BEFORE + "(?<!\\p{N}[./:,-])"
                    + "\\d(?:[ -]?\\d){11,18}" + NOT_NUMBER_AFTER), CardIssuers::isCard),
            new Rule(PiiKind.US_SSN, Pattern.compile(NOT_WORD_BEFORE + "\\d{3}-\\d{2}-\\d{4}" + NOT_WORD_AFTER),
                    Checksums::usSsn),
            new Rule(PiiKind.IP_ADDRESS, Pattern.compile(NOT_WORD_BEFORE + "(?<!\\p{N}\\.)"
                    + "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                    + "(?![\\p{N}.]\\p{N})" + NOT_WORD_AFTER), s -> true),
            new Rule(PiiKind.IP_ADDRESS, Pattern.compile("(?<![\\p{L}\\p{N}_:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"
                    + "(?![\\p{L}\\p{N}_:])"), Checksums::ipv6),
            new Rule(PiiKind.PHONE, Pattern.compile(NOT_NUMBER_BEFORE + "(?:" + PhoneFormats.PATTERN + ")"
                    + NOT_NUMBER_AFTER), PhoneFormats::plausible));

    private static final PiiDetector ALL = new PiiDetector(EnumSet.allOf(PiiKind.class));

    private final Set<PiiKind> kinds;

    private PiiDetector(Set<PiiKind> kinds) {
        this.kinds = Set.copyOf(kinds);
    }

    /** A detector for every {@link PiiKind}. */
    static PiiDetector all() {
        return ALL;
    }

    /** A detector for {@code kinds} only. */
    static PiiDetector of(Set<PiiKind> kinds) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a PII detector needs at least one kind");
        }
        return new PiiDetector(EnumSet.copyOf(kinds));
    }

    /** The kinds this detector looks for. */
    Set<PiiKind> kinds() {
        return kinds;
    }

    /** Every match in {@code text}, in text order, without overlaps. */
    List<PiiMatch> find(String text) {
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
    Map<PiiKind, Long> count(String text) {
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
}
