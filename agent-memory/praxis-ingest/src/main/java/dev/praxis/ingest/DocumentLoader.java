package dev.praxis.ingest;

import dev.praxis.memory.Document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads one file format into a {@link Document} whose id is the source name and whose text keeps
 * the structure {@link StructureChunker} cuts along: blocks separated by a blank line, headings as
 * {@code #} lines, PDF pages separated by a form feed. Metadata: {@link #SOURCE}, {@link #TITLE},
 * {@link #CONTENT_TYPE} and, for PDF, {@link #PAGES}.
 *
 * <pre>{@code
 * Document doc = DocumentLoader.forSource("guide.md", LoadLimits.standard()).load(Path.of("docs/guide.md"));
 * }</pre>
 *
 * <p>Loaders never run scripts or fetch anything; input over its {@link LoadLimits}, in a bad
 * encoding, damaged or password-protected fails with an {@link IngestException} naming the problem.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface DocumentLoader {

    /** Metadata key: where the document came from (the source name given to the loader). */
    String SOURCE = "source";
    /** Metadata key: the document's title (its first top heading, the HTML title or PDF title), else the source. */
    String TITLE = "title";
    /** Metadata key: the media type of the source, e.g. {@code text/markdown} or {@code application/pdf}. */
    String CONTENT_TYPE = "content_type";
    /** Metadata key: the number of pages of a PDF. */
    String PAGES = "pages";

    /**
     * Loads {@code content} (read to its end, not closed) as the document {@code source}.
     *
     * @throws IngestException when the content cannot be loaded; never returns a blank document
     */
    Document load(String source, InputStream content);

    /** Loads a file; the document's id and source are {@code file} as given. */
    default Document load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(file.toString(), in);
        } catch (IOException e) {
            throw new IngestException(IngestException.Problem.UNREADABLE, file.toString(), e.toString(), e);
        }
    }

    /**
     * The loader for a source name's extension: {@code .md}/{@code .markdown}, {@code .html}/{@code .htm},
     * {@code .pdf}, {@code .txt}/{@code .text}.
     *
     * @throws IngestException (UNSUPPORTED) for any other extension
     */
    static DocumentLoader forSource(String source, LoadLimits limits) {
        String name = source.toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (ext) {
            case "md", "markdown" -> new MarkdownLoader(limits);
            case "html", "htm", "xhtml" -> new HtmlLoader(limits);
            case "pdf" -> new PdfLoader(limits);
            case "txt", "text" -> new TextLoader(limits);
            default -> throw new IngestException(IngestException.Problem.UNSUPPORTED, source,
                    "no loader for '." + ext + "' files (Markdown, HTML, PDF and plain text are read)");
        };
    }
}
