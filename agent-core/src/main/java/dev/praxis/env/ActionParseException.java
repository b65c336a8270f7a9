package dev.praxis.env;

import dev.praxis.PraxisException;

/** A model's answer could not be read as an action of the environment; the message says why. */
public class ActionParseException extends PraxisException {

    private static final long serialVersionUID = 1L;

    /** An answer that names no valid action, or several. */
    public ActionParseException(String message) {
        super(message);
    }
}
