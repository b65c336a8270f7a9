package dev.praxis.env;

import dev.langchain4j.data.message.ChatMessage;
import dev.praxis.agent.Usage;

import java.util.List;
import java.util.Objects;

/**
 * A policy's choice and how it was reached.
 *
 * @param action   the chosen action
 * @param messages the model conversation that chose it, in order (empty for a Java policy);
 *                 trajectories keep it for export and in-context examples
 * @param usage    tokens the decision cost
 * @param <A>      the action type
 */
public record Decision<A>(A action, List<ChatMessage> messages, Usage usage) {

    /** Rejects a null action; copies the messages. */
    public Decision {
        Objects.requireNonNull(action, "action");
        messages = List.copyOf(messages);
        Objects.requireNonNull(usage, "usage");
    }

    /** A decision made without a model. */
    public static <A> Decision<A> of(A action) {
        return new Decision<>(action, List.of(), Usage.ZERO);
    }
}
