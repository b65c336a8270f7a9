package dev.praxis.examples.cli;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentResult;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Remembers every agent run of a command that ended without a final answer, so the command
 * can say so and exit non-zero instead of printing blanks. Thread-safe.
 */
final class Outcomes implements AgentListener {

    /** The exit code of a command whose runs did not all complete. */
    static final int NOT_COMPLETED = 1;

    private final List<AgentResult> stopped = new CopyOnWriteArrayList<>();

    @Override
    public void on(AgentEvent event) {
        if (event instanceof AgentEvent.Stopped s) {
            stopped.add(s.result());
        }
    }

    /** The runs that ended in anything but {@code COMPLETED}, in the order they ended. */
    List<AgentResult> stopped() {
        return List.copyOf(stopped);
    }

    /**
     * Prints one line per run that did not complete ({@code status: reason}) and returns the
     * exit code: 0 when every run completed, else {@link #NOT_COMPLETED}.
     */
    int report(PrintStream out) {
        List<AgentResult> ended = stopped();
        if (ended.isEmpty()) {
            return 0;
        }
        out.println("praxis: " + ended.size() + (ended.size() == 1 ? " run" : " runs") + " did not complete:");
        for (AgentResult result : ended) {
            out.println("  " + result.status() + ": " + result.reason());
        }
        return NOT_COMPLETED;
    }
}
