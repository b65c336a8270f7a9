package dev.praxis.bench;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;


/** LangChain4j wired the way its documentation shows: {@link AiServices} with the calculator tool. */
public final class LangChain4jSubject {

    /** The service interface for one-off tasks. */
    public interface Assistant {
        /** Answers one message. */
        String chat(String message);
    }

    /** The service interface for many sessions. */
    public interface SessionAssistant {
        /** Answers one message in session {@code session}. */
        String chat(@MemoryId String session, @UserMessage String message);
    }

    private final Assistant assistant;
    private final SessionAssistant sessions;
    private LangChain4jSubject(Assistant assistant, SessionAssistant sessions) {
        this.assistant = assistant;
        this.sessions = sessions;
    }

    /** A service without chat memory. */
    public static LangChain4jSubject stateless(ChatModel model) {
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(new Calculator())
                .systemMessage(Scenario.SYSTEM).build();
        return new LangChain4jSubject(assistant, null);
    }

    /** A service whose memory already holds {@code history} messages in a window of that size. */
    public static LangChain4jSubject withHistory(ChatModel model, int history) {
        ChatMemory memory = MessageWindowChatMemory.withMaxMessages(history);
        for (ChatMessage message : Scenario.history(history)) {
            memory.add(message);
        }
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(new Calculator())
                .systemMessage(Scenario.SYSTEM).chatMemory(memory).build();
        return new LangChain4jSubject(assistant, null);
    }

    /** A service for many sessions, each keeping a window of {@code window} messages. */
    public static LangChain4jSubject sessions(ChatModel model, int window) {
        // as documented: AiServices keeps the memory it gets for each id
        SessionAssistant sessions = AiServices.builder(SessionAssistant.class).chatModel(model)
                .tools(new Calculator()).systemMessage(Scenario.SYSTEM)
                .chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(window).build())
                .build();
        return new LangChain4jSubject(null, sessions);
    }

    /** One task; returns the answer. */
    public String run(String input) {
        return assistant.chat(input);
    }

    /** One task in session {@code session}. */
    public String run(String session, String input) {
        return sessions.chat(session, input);
    }
}
