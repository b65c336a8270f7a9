package dev.praxis.agent;

import java.util.List;

/**
 * Receives every {@link AgentEvent} of a run, in order, on the run's thread (streamed
 * {@link AgentEvent.PartialText} may come from the provider's thread). One listener may serve
 * many runs at once, so implementations must be thread-safe. A listener that throws during a
 * run ends it as {@link Status#FAILED}, naming the failure, and then still receives the one
 * terminal event; a listener that throws on the terminal event ({@link AgentEvent.Completed}
 * or {@link AgentEvent.Stopped}) is logged once and never changes the result. Keep them fast
 * and total.
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
