package dev.praxis.examples.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the documentation's code compiled: every Java block in the checked markdown files is
 * preceded by {@code <!-- snippet: File#tag -->} and must equal the imports it uses followed by
 * the region between {@code // tag::tag[]} and {@code // end::tag[]} of {@code File.java} in
 * this package, which the build compiles and runs (see {@link #block}). Every Java block of README.md and of every page in docs/ must be
 * such a snippet; the pages are found by listing the folder, so a new page is checked from the
 * moment it exists.
 */
class DocsSnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SNIPPETS = ROOT.resolve("agent-examples/src/test/java/dev/praxis/examples/docs");
    /** Where else snippets live: modules this one cannot depend on (the Spring Boot starter's). */
    private static final List<Path> MORE_SNIPPETS = List.of(
            ROOT.resolve("praxis-spring-boot-example/src/main/java/dev/praxis/spring/example"),
            ROOT.resolve("praxis-spring-boot-autoconfigure/src/test/java/dev/praxis/spring"));
    private static final Pattern MARKED = Pattern.compile(
            "<!-- snippet: (\\w+)#([\\w-]+) -->\\s*\\n```java\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+);\\s*$");

    @Test
    void everyMarkedBlockEqualsItsCompiledSnippet() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : markdown()) {
            String text = Files.readString(file);
            for (Matcher m = MARKED.matcher(text); m.find(); checked++) {
                String expected = block(m.group(1), m.group(2));
                if (!m.group(3).equals(expected)) {
                    problems.add(ROOT.relativize(file) + ": block " + m.group(1) + "#" + m.group(2)
                            + " differs from the compiled snippet (its imports, a blank line, the region), which reads:\n"
                            + expected);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(5);
    }

    @Test
    void everyJavaBlockOfEveryPageIsACheckedSnippet() throws IOException {
        List<String> unchecked = new ArrayList<>();
        for (Path file : markdown()) {
            String text = Files.readString(file);
            long blocks = JAVA_BLOCK.matcher(text).results().count();
            long marked = MARKED.matcher(text).results().count();
            if (blocks != marked) {
                unchecked.add(ROOT.relativize(file) + ": " + (blocks - marked)
                        + " Java block(s) without <!-- snippet: File#tag --> right before them");
            }
        }
        assertThat(unchecked).isEmpty();
    }

    @Test
    void theCheckCoversTheReadmeAndEveryPage() throws IOException {
        assertThat(markdown()).extracting(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                .contains("README.md", "docs/index.md", "docs/getting-started.md", "docs/llm.md", "docs/memory.md",
                        "docs/teams.md", "docs/durability.md", "docs/security.md", "docs/observability.md",
                        "docs/tools.md")
                .hasSize(1 + docsPages());
    }

    private static int docsPages() throws IOException {
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            return (int) docs.filter(p -> p.toString().endsWith(".md")).count();
        }
    }

    @Test
    void everyDocumentLinkedFromTheIndexExists() throws IOException {
        String index = Files.readString(ROOT.resolve("docs/index.md"));
        List<String> missing = Pattern.compile("\\]\\(([\\w-]+\\.md)\\)").matcher(index).results()
                .map(r -> r.group(1)).filter(name -> !Files.exists(ROOT.resolve("docs").resolve(name))).toList();
        assertThat(missing).as("documents linked from docs/index.md that do not exist yet").isEmpty();
    }

    private static List<Path> markdown() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /**
     * What the page must show for {@code file#tag}: the imports the region uses (those of
     * {@code file.java} whose simple name, or static member called, appears in it), a blank
     * line, then the region, so a newcomer can paste a block with everything it needs.
     */
    static String block(String file, String tag) throws IOException {
        String region = region(file, tag);
        List<String> imports = new ArrayList<>();
        for (String line : Files.readAllLines(source(file))) {
            Matcher i = IMPORT.matcher(line);
            if (!i.matches()) {
                continue;
            }
            String name = i.group(2).substring(i.group(2).lastIndexOf('.') + 1);
            // a name written fully qualified (after a dot) needs no import
            String use = "(?<![\\w.])" + Pattern.quote(name) + (i.group(1) != null ? "\\s*\\(" : "\\b");
            if (Pattern.compile(use).matcher(region).find()) {
                imports.add(line.strip());
            }
        }
        return imports.isEmpty() ? region : String.join("\n", imports) + "\n\n" + region;
    }

    /** The lines between the tags of {@code file}, without their common indentation. */
    static String region(String file, String tag) throws IOException {
        List<String> lines = Files.readAllLines(source(file));
        int start = indexOf(lines, "// tag::" + tag + "[]", file);
        int end = indexOf(lines, "// end::" + tag + "[]", file);
        List<String> body = lines.subList(start + 1, end);
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }

    /** {@code file.java} in this package, else in one of {@link #MORE_SNIPPETS}. */
    private static Path source(String file) {
        Path source = SNIPPETS.resolve(file + ".java");
        for (Path more : MORE_SNIPPETS) {
            if (!Files.exists(source) && Files.exists(more.resolve(file + ".java"))) {
                source = more.resolve(file + ".java");
            }
        }
        return source;
    }

    private static int indexOf(List<String> lines, String marker, String file) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError(file + ".java has no line '" + marker + "'");
    }
}
