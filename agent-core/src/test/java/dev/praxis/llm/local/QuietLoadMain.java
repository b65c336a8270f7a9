package dev.praxis.llm.local;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.nio.file.Path;

/** Loads a tiny model, answers once and closes, printing nothing itself (run by QuietNativesTest). */
public final class QuietLoadMain {

    private QuietLoadMain() {
    }

    public static void main(String[] args) {
        try (LocalModel model = LocalModel.load(LocalOptions.of(Path.of(args[0])))) {
            model.chat(ChatRequest.builder().messages(UserMessage.from("Once upon a time")).maxOutputTokens(8).build());
        }
    }
}
