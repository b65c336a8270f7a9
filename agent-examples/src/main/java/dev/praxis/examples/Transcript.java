package dev.praxis.examples;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;

import java.io.PrintStream;

/** Prints what an agent does with its tools, indented under the conversation. Thread-safe. */
public final class Transcript implements AgentListener {

    private static final int MAX = 160;
    private final PrintStream out;

    /** A transcript printed to {@code out}. */
    public Transcript(PrintStream out) {
        this.out = out;
    }

    @Override
    public void on(AgentEvent event) {
        if (event instanceof AgentEvent.ToolStarted started) {
            out.println("    -> " + started.call().name() + " " + shorten(started.call().arguments()));
        } else if (event instanceof AgentEvent.ToolFinished finished) {
            out.println("    <- " + shorten(finished.result().text()));
        }
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= MAX ? line : line.substring(0, MAX - 3) + "...";
    }
}
