package dev.praxis.ingest;

import dev.praxis.ingest.IngestException.Problem;
import dev.praxis.ingest.internal.Input;
import dev.praxis.memory.Document;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.time.Duration;
import java.util.Objects;

/**
 * Plain text in one character encoding (UTF-8 unless told otherwise), decoded strictly: a byte
 * that is not valid in the encoding fails with {@link Problem#BAD_ENCODING} rather than turning
 * into a replacement character. Line endings become {@code \n}; paragraphs stay as written.
 * Content type {@code text/plain}, so {@link StructureChunker} reads no headings in it.
 */
public final class TextLoader implements DocumentLoader {

    private final LoadLimits limits;
    private final Charset charset;

    /** Reads UTF-8 within {@code limits}. */
    public TextLoader(LoadLimits limits) {
        this(limits, StandardCharsets.UTF_8);
    }

    /** Reads {@code charset} within {@code limits}. */
    public TextLoader(LoadLimits limits, Charset charset) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    @Override
    public Document load(String source, InputStream content) {
        String text = Input.decode(source, Input.read(source, content, limits.maxBytes()), charset)
                .replace("\r\n", "\n").replace('\r', '\n').strip();
        if (text.length() > limits.maxChars()) {
            throw new IngestException(Problem.TOO_LARGE, source, "more than " + limits.maxChars() + " characters of text");
        }
        if (text.isEmpty()) {
            throw new IngestException(Problem.EMPTY, source, "no text");
        }
        return new Document(source, text, Map.of(SOURCE, source, TITLE, source, CONTENT_TYPE, "text/plain"),
                Duration.ZERO);
    }
}
