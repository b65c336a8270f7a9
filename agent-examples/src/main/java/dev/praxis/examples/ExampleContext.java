package dev.praxis.examples;

import dev.praxis.agent.AgentListener;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmDecorator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where an example runs: its output, the environment that configures the model, a
 * directory for what it persists, its clock, and how to wrap the model (the chat command
 * adds streaming to the terminal).
 *
 * @param out     where the example prints
 * @param env     environment variables ({@code PRAXIS_MODEL} and friends)
 * @param dataDir where the example keeps files between runs (tickets, reminders, databases)
 * @param clock   "now" for the example
 * @param wrap    applied to the chosen model
 * @param person  who can answer questions (approvals); {@link Person#NOBODY} in a scripted run
 * @param listener what every agent of the example reports to (the CLI learns from it how each run ended);
 *                 examples attach it to each agent they build
 */
public record ExampleContext(PrintStream out, Map<String, String> env, Path dataDir, Clock clock, LlmDecorator wrap,
                             Person person, AgentListener listener) {

    /** Validates and copies. */
    public ExampleContext {
        Objects.requireNonNull(out, "out");
        env = Map.copyOf(env);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(wrap, "wrap");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(listener, "listener");
    }

    /** A context printing to {@code out}, configured by {@code env}, keeping files in {@code dataDir}. */
    public static ExampleContext of(PrintStream out, Map<String, String> env, Path dataDir) {
        return new ExampleContext(out, env, dataDir, Clock.systemDefaultZone(), llm -> llm, Person.NOBODY,
                AgentListener.NONE);
    }

    /** This context with another decorator for the model. */
    public ExampleContext wrapping(LlmDecorator decorator) {
        return new ExampleContext(out, env, dataDir, clock, decorator, person, listener);
    }

    /** This context with someone to ask. */
    public ExampleContext askingPerson(Person someone) {
        return new ExampleContext(out, env, dataDir, clock, wrap, someone, listener);
    }

    /** This context with {@code another} as the listener of every agent the example builds (it replaces the old one). */
    public ExampleContext listening(AgentListener another) {
        return new ExampleContext(out, env, dataDir, clock, wrap, person, another);
    }

    /** This context printing to {@code other} instead. */
    public ExampleContext printingTo(PrintStream other) {
        return new ExampleContext(other, env, dataDir, clock, wrap, person, listener);
    }

    /** This context with another clock. */
    public ExampleContext withClock(Clock newClock) {
        return new ExampleContext(out, env, dataDir, newClock, wrap, person, listener);
    }

    /**
     * The model for this example, announced on the first line of output: the configured one,
     * else {@code offline} (the example's offline mode, which knows its data).
     */
    public LlmClient model(Supplier<? extends LlmClient> offline) {
        return Models.choose(env, out, offline).with(wrap);
    }

    /** The directory for {@code example}'s files, created if needed. */
    public Path dir(String example) {
        Path dir = dataDir.resolve(example);
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the example's data directory " + dir, e);
        }
        return dir;
    }
}
