package dev.praxis.ingest;

import dev.praxis.memory.MemoryException;

import java.util.Objects;

/**
 * A document could not be loaded; {@link #problem()} says why and the message names the source.
 * Never retriable: the same bytes fail the same way.
 */
public final class IngestException extends MemoryException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the input. */
    public enum Problem {
        /** Over a {@link LoadLimits} bound: bytes, characters, pages, or decompressed stream bytes. */
        TOO_LARGE,
        /** The bytes are not valid in the declared or detected character encoding. */
        BAD_ENCODING,
        /** The file is damaged or not of the format its loader reads. */
        MALFORMED,
        /** The file is password-protected. */
        ENCRYPTED,
        /** No loader reads this kind of file. */
        UNSUPPORTED,
        /** The file holds no text to index. */
        EMPTY,
        /** The source could not be read at all. */
        UNREADABLE
    }

    private final Problem problem;
    private final String source;

    /** A failure of {@code problem} while loading {@code source}, with a detail a person can act on. */
    public IngestException(Problem problem, String source, String detail) {
        this(problem, source, detail, null);
    }

    /** The same, with the underlying cause. */
    public IngestException(Problem problem, String source, String detail, Throwable cause) {
        super("cannot load '" + source + "' (" + Objects.requireNonNull(problem, "problem") + "): " + detail,
                cause, false);
        this.problem = problem;
        this.source = source;
    }

    /** What was wrong. */
    public Problem problem() {
        return problem;
    }

    /** The source that failed, as given to the loader. */
    public String source() {
        return source;
    }
}
