package dev.praxis.env;

import dev.praxis.PraxisException;

/** A JSONL file could not be read; the message names the line and the problem. */
public class JsonlFormatException extends PraxisException {

    private static final long serialVersionUID = 1L;

    private final int line;

    /** A problem on 1-based {@code line}. */
    public JsonlFormatException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    /** The 1-based line that could not be read. */
    public int line() {
        return line;
    }
}
