package dev.praxis.store;

import org.junit.jupiter.api.Assumptions;

import java.util.concurrent.Callable;

/**
 * How store tests treat a server they cannot start: under {@code CI=true} the test fails (a
 * store that CI cannot exercise is a defect); elsewhere it is skipped with the reason shown.
 */
public final class Servers {

    private Servers() {
    }

    /** Whether the tests run in CI. */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The value {@code start} returns, or a failure (CI) / visible skip (elsewhere) when it throws. */
    public static <T> T startOrSkip(String server, Callable<T> start) {
        try {
            return start.call();
        } catch (Exception | LinkageError e) {
            return unavailable(server, e);
        }
    }

    /** Fails (CI) or skips (elsewhere) because {@code server} could not start. */
    public static <T> T unavailable(String server, Throwable cause) {
        if (ci()) {
            throw new AssertionError(server + " could not be started and CI=true requires it: " + cause, cause);
        }
        Assumptions.abort(server + " could not be started, so this test is skipped: " + cause);
        return null;
    }
}
