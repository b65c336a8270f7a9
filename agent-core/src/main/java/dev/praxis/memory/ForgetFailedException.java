package dev.praxis.memory;

import dev.praxis.PraxisException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Forgetting} could not forget in some stores; the others did. Call forget again (it is
 * safe to repeat) once the failed stores are reachable: the user's data may still be in them.
 * Retriable when every failure was. The message names the stores, never the user.
 */
public final class ForgetFailedException extends MemoryException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, Long> erased;
    private final transient Map<String, RuntimeException> failures;

    /** Failures by store name, and what the other stores erased. */
    ForgetFailedException(Map<String, Long> erased, Map<String, RuntimeException> failures) {
        super("forget failed in " + failures.size() + " store(s): " + failures.keySet()
                + "; their data about the user may remain (erased elsewhere: " + erased + ")",
                failures.values().iterator().next(), failures.values().stream()
                        .allMatch(e -> e instanceof PraxisException p && p.isRetriable()));
        this.erased = Collections.unmodifiableMap(new LinkedHashMap<>(erased));
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        failures.values().stream().skip(1).forEach(this::addSuppressed);
    }

    /** The records each store that succeeded erased, by name. */
    public Map<String, Long> erased() {
        return erased;
    }

    /** Why each failed store failed, by name. */
    public Map<String, RuntimeException> failures() {
        return failures;
    }
}
