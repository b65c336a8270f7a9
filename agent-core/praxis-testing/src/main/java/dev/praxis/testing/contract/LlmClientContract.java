package dev.praxis.testing.contract;

import dev.praxis.llm.LlmClient;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link LlmClient} must do; each backend's test extends this with a client that
 * can answer {@link #QUESTION} (a real server, a real model file).
 */
public abstract class LlmClientContract {

    /** The request every contract test sends. */
    protected static final ChatRequest QUESTION = ChatRequest.builder()
            .messages(UserMessage.from("Say something.")).maxOutputTokens(16).build();

    /** A client ready to answer {@link #QUESTION}, twice if asked (once per call). */
    protected abstract LlmClient client();

    @Test
    void chatReturnsAnAssistantMessageWithUsage() {
        ChatResponse response = client().chat(QUESTION);

        assertThat(response.aiMessage()).isNotNull();
        assertThat(response.aiMessage().text()).isNotBlank();
        assertThat(response.tokenUsage().outputTokenCount()).isPositive();
    }

    @Test
    void streamDeliversPartialsThatAddUpToTheCompleteText() throws Exception {
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        client().stream(QUESTION, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {   // the two-argument form delegates here
                partials.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });

        ChatResponse complete = done.get(30, TimeUnit.SECONDS);
        assertThat(partials).isNotEmpty();
        assertThat(String.join("", partials)).isEqualTo(complete.aiMessage().text());
    }
}
