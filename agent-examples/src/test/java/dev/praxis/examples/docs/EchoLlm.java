package dev.praxis.examples.docs;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.praxis.llm.LlmClient;

/** docs/testing.md: a user's model client (it echoes the last user message, word by word when streaming). */
public final class EchoLlm implements LlmClient {

    @Override
    public ChatResponse chat(ChatRequest request) {
        String text = "you said: " + request.messages().stream().filter(UserMessage.class::isInstance)
                .map(m -> ((UserMessage) m).singleText()).reduce((a, b) -> b).orElse("");
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).finishReason(FinishReason.STOP)
                .tokenUsage(new TokenUsage(text.length() / 4 + 1, text.split(" ").length)).build();
    }

    @Override
    public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatResponse response = chat(request);
        String[] words = response.aiMessage().text().split("(?<= )");
        for (String word : words) {
            handler.onPartialResponse(word);
        }
        handler.onCompleteResponse(response);
    }
}
