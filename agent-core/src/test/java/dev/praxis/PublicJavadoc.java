package dev.praxis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule every Praxis module's tests check on its own sources: each public type, top-level or
 * nested, has a javadoc comment right above its declaration (annotations may sit between).
 */
public final class PublicJavadoc {

    private static final Pattern PUBLIC_TYPE = Pattern.compile("^\\s*(?:(?:protected|static|final|abstract|sealed|"
            + "non-sealed|strictfp)\\s+)*public\\s+(?:(?:static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
            + "(?:class|interface|record|enum|@interface)\\s+(\\w+)");

    private PublicJavadoc() {
    }

    /** Fails listing every public type under {@code sourceRoot} without javadoc. */
    public static void assertEveryPublicTypeDocumented(Path sourceRoot) {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher declaration = PUBLIC_TYPE.matcher(lines.get(i));
                    if (declaration.find() && !documented(lines, i)) {
                        missing.add(sourceRoot.relativize(file) + ":" + (i + 1) + " " + declaration.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(missing).as("public types without javadoc under " + sourceRoot).isEmpty();
    }

    private static boolean documented(List<String> lines, int declaration) {
        int above = declaration - 1;
        // annotations, including ones spread over several lines, may sit between the comment and the type
        while (above >= 0 && !lines.get(above).strip().endsWith("*/") && !endsCode(lines.get(above).strip())) {
            above--;
        }
        return above >= 0 && lines.get(above).strip().endsWith("*/") && comment(lines, above).startsWith("/**");
    }

    private static boolean endsCode(String line) {
        return line.isEmpty() || line.endsWith(";") || line.endsWith("{") || line.endsWith("}");
    }

    private static String comment(List<String> lines, int end) {
        int start = end;
        while (start > 0 && !lines.get(start).contains("/*")) {
            start--;
        }
        return lines.get(start).strip();
    }
}
