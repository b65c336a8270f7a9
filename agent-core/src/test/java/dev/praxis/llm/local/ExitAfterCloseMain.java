package dev.praxis.llm.local;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.nio.file.Path;

/** A tiny program that uses a local model and returns from main; it must exit by itself. */
public final class ExitAfterCloseMain {

    private ExitAfterCloseMain() {
    }

    /** Loads the model in args[0], answers once, closes it and returns. */
    public static void main(String[] args) {
        try (LocalModel llm = LocalModel.load(LocalOptions.of(Path.of(args[0])).withContextSize(256))) {
            String text = llm.chat(ChatRequest.builder().messages(UserMessage.from("Hi")).maxOutputTokens(8).build())
                    .aiMessage().text();
            System.out.println("answered " + text.length() + " chars");
        }
        System.out.println("main returned");
    }
}
