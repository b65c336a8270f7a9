package dev.praxis.bench;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.ArrayList;
import java.util.List;

/** The texts and prior conversations shared by every scenario, so both libraries see the same input. */
public final class Scenario {

    /** The system prompt of both agents. */
    public static final String SYSTEM = "You are a careful assistant. Use the tools for arithmetic.";
    /** The user's task. */
    public static final String TASK = "What is 2 + 3?";

    private Scenario() {
    }

    /** {@code count} prior messages: alternating user questions and assistant answers. */
    public static List<ChatMessage> history(int count) {
        List<ChatMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(i % 2 == 0
                    ? UserMessage.from("Earlier question number " + i + ": what is " + i + " plus one?")
                    : AiMessage.from("Earlier answer number " + i + ": it is " + (i + 1) + "."));
        }
        return messages;
    }
}
