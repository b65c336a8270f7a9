package dev.praxis.agent;

import java.util.List;

/**
 * Receives every {@link AgentEvent} of a run, in order, on the thread that produced it.
 * Tool events of one step may arrive from several threads when tools run in parallel, so
 * implementations must be thread-safe. A listener that throws ends the run as
 * {@link Status#FAILED}, naming the listener: keep them fast and total.
 */
@FunctionalInterface
public interface AgentListener {

    /** A listener that ignores everything, so the loop never checks for null. */
    AgentListener NONE = event -> { };

    /** Handles one event. */
    void on(AgentEvent event);

    /** A listener that forwards each event to all of {@code listeners}, in order. */
    static AgentListener all(List<AgentListener> listeners) {
        List<AgentListener> copy = List.copyOf(listeners);
        if (copy.isEmpty()) {
            return NONE;
        }
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return event -> {
            for (AgentListener listener : copy) {
                listener.on(event);
            }
        };
    }
}
