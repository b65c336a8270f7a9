package dev.praxis.ingest.internal;

import dev.praxis.ingest.TokenCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into windows of at most {@code max} tokens that overlap by at most {@code overlap}
 * tokens, cutting between words; a word longer than a window is cut between characters. Not API.
 */
public final class TokenWindows {

    private static final Pattern WORD = Pattern.compile("\\s*\\S+");

    private final TokenCounter counter;
    private final int max;
    private final int overlap;

    /** Windows of {@code max} tokens overlapping by {@code overlap}, counted by {@code counter}. */
    public TokenWindows(TokenCounter counter, int max, int overlap) {
        this.counter = counter;
        this.max = max;
        this.overlap = overlap;
    }

    /** The windows of {@code text} in order, each stripped; one window when the text fits. */
    public List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            addPiece(m.group(), pieces, counts);
        }
        List<String> windows = new ArrayList<>();
        int start = 0;
        while (start < pieces.size()) {
            int end = start;
            int sum = 0;
            while (end < pieces.size() && (end == start || sum + counts.get(end) <= max)) {
                sum += counts.get(end++);
            }
            String window = join(pieces, start, end);
            // per-word counts only approximate the count of the joined text; the joined text decides
            while (end - start > 1 && counter.count(window) > max) {
                window = join(pieces, start, --end);
            }
            windows.add(window);
            if (end == pieces.size()) {
                break;
            }
            start = Math.max(start + 1, overlapStart(counts, start, end));
        }
        return windows;
    }

    /** The first piece of the next window: as far back from {@code end} as {@code overlap} tokens reach. */
    private int overlapStart(List<Integer> counts, int start, int end) {
        int back = end;
        int sum = 0;
        while (back > start && sum + counts.get(back - 1) <= overlap) {
            sum += counts.get(--back);
        }
        return back;
    }

    private void addPiece(String piece, List<String> pieces, List<Integer> counts) {
        int tokens = counter.count(piece);
        if (tokens <= max) {
            pieces.add(piece);
            counts.add(tokens);
            return;
        }
        int from = 0;
        while (from < piece.length()) {
            int len = Math.max(1, (int) ((long) (piece.length() - from) * max / Math.max(1, counter.count(piece.substring(from)))));
            int to = cut(piece, from, Math.min(piece.length(), from + len));
            while (to - from > 1 && counter.count(piece.substring(from, to)) > max) {
                to = cut(piece, from, from + (to - from) * 3 / 4);
            }
            pieces.add(piece.substring(from, to));
            counts.add(counter.count(piece.substring(from, to)));
            from = to;
        }
    }

    /** {@code to}, moved back one if it would split a surrogate pair. */
    private static int cut(String s, int from, int to) {
        if (to < s.length() && to - from > 1 && Character.isLowSurrogate(s.charAt(to))) {
            return to - 1;
        }
        return Math.max(to, from + 1);
    }

    private static String join(List<String> pieces, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append(pieces.get(i));
        }
        return out.toString().strip();
    }
}
