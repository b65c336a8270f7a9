package dev.praxis.ingest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads loader text (or any Markdown) into blocks: runs of lines between blank lines, each knowing
 * the heading path above it and its page. ATX heading lines ({@code ## Title}) outside fenced
 * code are blocks of their own and move the path; form feeds start new pages. Not API.
 */
public final class Blocks {

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

    /** One block: its text, whether it is a heading line, the heading path it sits under, its page (1-based). */
    public record Block(String text, boolean heading, List<String> path, int page) {
    }

    private Blocks() {
    }

    /** The blocks of {@code text}; headings are read only when {@code readHeadings}, pages only when {@code paged}. */
    public static List<Block> read(String text, boolean readHeadings, boolean paged) {
        List<Block> blocks = new ArrayList<>();
        List<String> path = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        String[] pages = paged ? text.split("\f", -1) : new String[] {text};
        for (int p = 0; p < pages.length; p++) {
            StringBuilder block = new StringBuilder();
            String fence = null;
            for (String line : pages[p].split("\n", -1)) {
                Matcher f = FENCE.matcher(line);
                if (f.find()) {
                    String marker = f.group(1);
                    fence = fence == null ? marker : line.strip().startsWith(fence) ? null : fence;
                }
                Matcher h = readHeadings && fence == null ? HEADING.matcher(line) : null;
                if (h != null && h.matches()) {
                    flush(block, blocks, path, p + 1);
                    int level = h.group(1).length();
                    while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                        levels.remove(levels.size() - 1);
                        path.remove(path.size() - 1);
                    }
                    String title = h.group(2) == null ? "" : h.group(2).strip();
                    levels.add(level);
                    path.add(title);
                    blocks.add(new Block(line.strip(), true, List.copyOf(path), p + 1));
                } else if (line.isBlank() && fence == null) {
                    flush(block, blocks, path, p + 1);
                } else {
                    block.append(block.length() > 0 ? "\n" : "").append(line);
                }
            }
            flush(block, blocks, path, p + 1);
        }
        return blocks;
    }

    private static void flush(StringBuilder block, List<Block> blocks, List<String> path, int page) {
        String t = block.toString().strip();
        if (!t.isEmpty()) {
            blocks.add(new Block(t, false, List.copyOf(path), page));
        }
        block.setLength(0);
    }
}
