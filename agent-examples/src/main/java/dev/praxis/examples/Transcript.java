package dev.praxis.examples;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;

import java.io.PrintStream;

/** Prints what an agent does with its tools, indented under the conversation. Thread-safe. */
public final class Transcript implements AgentListener {

    private static final int MAX = 160;
    private final PrintStream out;
    private final boolean members;

    /** A transcript of tool calls printed to {@code out}. */
    public Transcript(PrintStream out) {
        this(out, false);
    }

    /** A transcript that, for teams ({@code members} true), also shows each agent's task and answer. */
    public Transcript(PrintStream out, boolean members) {
        this.out = out;
        this.members = members;
    }

    @Override
    public void on(AgentEvent event) {
        if (members && event instanceof AgentEvent.RunStarted started) {
            out.println("  [" + started.agent() + "] gets: " + shorten(started.input()));
        } else if (members && event instanceof AgentEvent.Completed done) {
            out.println("  answers: " + shorten(done.result().output()));
        } else if (members && event instanceof AgentEvent.Stopped stopped) {
            out.println("  stopped: " + stopped.result().status() + " - " + stopped.result().reason());
        } else if (event instanceof AgentEvent.ToolStarted started) {
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
