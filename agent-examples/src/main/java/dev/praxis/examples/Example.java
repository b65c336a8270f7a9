package dev.praxis.examples;

import dev.praxis.tool.Tool;

import java.util.List;

/**
 * A runnable example: a small program that wires an agent from Praxis parts and shows it
 * doing its job. {@code praxis run NAME} runs it; {@code praxis chat --example NAME} talks to
 * the examples that are conversations.
 */
public interface Example {

    /** The name on the command line, such as {@code customer-service}. */
    String name();

    /** One line on what it shows. */
    String summary();

    /** The tools its agent uses, for {@code praxis tools}. Creating them has no side effects. */
    List<Tool> tools();

    /** Runs the demonstration, printing to {@code context.out()}; the first line names the model. */
    void run(ExampleContext context) throws Exception;

    /**
     * Opens the example as a conversation for {@code praxis chat}, or throws
     * {@link UnsupportedOperationException} for examples that are not dialogues.
     */
    default Conversation open(ExampleContext context) throws Exception {
        throw new UnsupportedOperationException(name() + " is not a conversation; try: praxis run " + name());
    }
}
