package dev.praxis.tool.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts calls with invalid arguments per run and tool, so a model that keeps sending bad
 * arguments is told to stop. Bounded: the oldest runs are forgotten first. Thread-safe.
 */
final class InvalidAttempts {

    private static final int MAX_ENTRIES = 4096;

    private final Map<String, Integer> counts = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Records one more invalid call of {@code tool} in {@code runId}; returns the new count. */
    synchronized int record(String runId, String tool) {
        return counts.merge(runId + '\u0000' + tool, 1, Integer::sum);
    }
}
