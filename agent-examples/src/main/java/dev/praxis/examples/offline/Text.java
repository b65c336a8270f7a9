package dev.praxis.examples.offline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message being read for slots. Remembers which spans were already used, so one token
 * fills one slot, and keeps numbers that belong to dates and times out of number slots.
 * Not thread-safe; one per message per fill.
 */
final class Text {

    private final String original;
    private final String lower;
    private final List<int[]> used = new ArrayList<>();
    private final List<int[]> temporal = new ArrayList<>();
    private final List<int[]> usedTemporal = new ArrayList<>();

    Text(String original) {
        this.original = original;
        this.lower = original.toLowerCase(Locale.ROOT);
        for (Pattern p : List.of(Dates.ISO_DATE, Dates.TIME_12H, Dates.TIME_24H)) {
            for (Matcher m = p.matcher(lower); m.find(); ) {
                temporal.add(new int[] {m.start(), m.end()});
            }
        }
    }

    String original() {
        return original;
    }

    String lower() {
        return lower;
    }

    /** The message without the dates and times already read, and without prepositions left dangling. */
    String withoutTemporal() {
        StringBuilder rest = new StringBuilder(original);
        usedTemporal.stream().sorted((a, b) -> b[0] - a[0]).forEach(span -> rest.replace(span[0], span[1], " "));
        String text = rest.toString().replaceAll("\\s+", " ").strip();
        String trimmed = text.replaceAll("(?i)(\\s+(on|at|by|for|in))+[\\s.,!?]*$", "").strip();
        return trimmed.isEmpty() ? original : trimmed;
    }

    /** The first unused match of {@code pattern} outside dates and times, marked used. */
    Optional<String> next(Pattern pattern) {
        for (Matcher m = pattern.matcher(original); m.find(); ) {
            if (free(m.start(), m.end(), true)) {
                use(m.start(), m.end());
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    /** The first unused match of {@code pattern} right after a word of {@code hint} ("order 1234"). */
    Optional<String> nextAfter(Pattern pattern, String hint) {
        for (Matcher m = pattern.matcher(original); m.find(); ) {
            if (free(m.start(), m.end(), true) && precededBy(m.start(), hint)) {
                use(m.start(), m.end());
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    /** The first unused match of {@code pattern} (dates and times included), marked used. */
    Optional<Matcher> nextTemporal(Pattern pattern) {
        for (Matcher m = pattern.matcher(lower); m.find(); ) {
            if (free(m.start(), m.end(), false)) {
                use(m.start(), m.end());
                usedTemporal.add(new int[] {m.start(), m.end()});
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * The known value mentioned in the text, in its canonical spelling. Prefers a mention
     * right after {@code label} ("from London" for a parameter named "from"), otherwise the
     * first unused mention that is not labelled for another slot ({@code otherLabels}).
     */
    Optional<String> known(Collection<String> values, String label, Collection<String> otherLabels) {
        String first = null;
        int firstAt = Integer.MAX_VALUE;
        int[] firstSpan = null;
        for (String value : values) {
            Matcher m = Pattern.compile("\\b" + Pattern.quote(value.toLowerCase(Locale.ROOT)) + "\\b").matcher(lower);
            while (m.find()) {
                if (!free(m.start(), m.end(), false)) {
                    continue;
                }
                if (precededBy(m.start(), label)) {
                    use(m.start(), m.end());
                    return Optional.of(value);
                }
                if (m.start() < firstAt && otherLabels.stream().noneMatch(other -> precededBy(m.start(), other))) {
                    first = value;
                    firstAt = m.start();
                    firstSpan = new int[] {m.start(), m.end()};
                }
            }
        }
        if (firstSpan != null) {
            use(firstSpan[0], firstSpan[1]);
        }
        return Optional.ofNullable(first);
    }

    /** Whether the word just before {@code start} is {@code word} ("from London" for "from"). */
    private boolean precededBy(int start, String word) {
        Matcher m = Pattern.compile("([a-z]+)[\\s:#]+$").matcher(lower.substring(0, start));
        return m.find() && m.group(1).equals(word.toLowerCase(Locale.ROOT));
    }

    private boolean free(int start, int end, boolean avoidTemporal) {
        for (int[] span : used) {
            if (start < span[1] && span[0] < end) {
                return false;
            }
        }
        if (avoidTemporal) {
            for (int[] span : temporal) {
                if (start < span[1] && span[0] < end) {
                    return false;
                }
            }
        }
        return true;
    }

    private void use(int start, int end) {
        used.add(new int[] {start, end});
    }
}
