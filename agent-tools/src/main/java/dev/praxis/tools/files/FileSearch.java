package dev.praxis.tools.files;

import dev.praxis.tool.ToolException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** One search over the sandbox's text files; skips links, special, large and binary files. */
final class FileSearch {

    private static final int MAX_FILES = 5_000;
    private static final int MAX_LINE_CHARS = 300;

    private final Sandbox sandbox;
    private final long maxBytes;
    private final int maxMatches;

    FileSearch(Sandbox sandbox, long maxBytes, int maxMatches) {
        this.sandbox = sandbox;
        this.maxBytes = maxBytes;
        this.maxMatches = maxMatches;
    }

    String find(String text, String path) {
        Path dir = sandbox.existing(path);
        if (!Files.isDirectory(dir)) {
            throw new ToolException("'" + path + "' is not a directory");
        }
        String needle = text.toLowerCase(Locale.ROOT);
        List<String> matches = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()::iterator) {
                if (++files > MAX_FILES || matches.size() >= maxMatches) {
                    matches.add("[search stopped after " + Math.min(files, MAX_FILES) + " files / " + matches.size()
                            + " matches; search a subdirectory or a more specific text]");
                    break;
                }
                scan(file, needle, matches);
            }
        } catch (IOException e) {
            throw new ToolException("search failed: " + e.getClass().getSimpleName(), true);
        }
        return matches.isEmpty() ? "no matches for '" + text + "'" : String.join("\n", matches);
    }

    private void scan(Path file, String needle, List<String> matches) throws IOException {
        if (Files.size(file) > maxBytes) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return;
        }
        if (content.indexOf('\0') >= 0) {
            return;
        }
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length && matches.size() < maxMatches; i++) {
            if (lines[i].toLowerCase(Locale.ROOT).contains(needle)) {
                String line = lines[i].length() > MAX_LINE_CHARS ? lines[i].substring(0, MAX_LINE_CHARS) + "..." : lines[i];
                matches.add(sandbox.relative(file) + ":" + (i + 1) + ": " + line.strip());
            }
        }
    }
}
