package dev.praxis.testing;



/**
 * A replaying {@link Cassette} got a request it has no recording for. An {@link AssertionError},
 * like {@link ScriptedLlm}'s unscripted call, so the agent loop does not turn it into a failed
 * run: the test fails loudly.
 */
public final class CassetteMismatchException extends AssertionError {

    private static final long serialVersionUID = 1L;

    /** A mismatch described by {@code message}. */
    public CassetteMismatchException(String message) {
        super(message);
    }
}
