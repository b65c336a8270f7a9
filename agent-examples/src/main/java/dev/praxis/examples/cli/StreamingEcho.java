package dev.praxis.examples.cli;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmDecorator;
import dev.praxis.llm.LlmException;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Streams every model answer to the terminal as it arrives, and still hands the loop the
 * complete response: the agent loop stays synchronous, the person sees tokens at once. A
 * backend that streams no partial text (a local model when tools are offered) shows its
 * whole answer when it completes.
 */
final class StreamingEcho implements LlmDecorator {

    private final PrintStream out;

    StreamingEcho(PrintStream out) {
        this.out = out;
    }

    @Override
    public LlmClient decorate(LlmClient delegate) {
        return request -> echo(delegate, request);
    }

    private ChatResponse echo(LlmClient delegate, ChatRequest request) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        boolean[] printed = {false};
        delegate.stream(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                if (!printed[0]) {
                    out.print("praxis> ");
                    printed[0] = true;
                }
                out.print(partial);
                out.flush();
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                String text = response.aiMessage() == null ? null : response.aiMessage().text();
                if (!printed[0] && text != null && !text.isBlank()) {
                    // backends that stream no partial text (a local model offered tools) still show their answer
                    out.print("praxis> " + text);
                    printed[0] = true;
                }
                if (printed[0]) {
                    out.println();
                }
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while streaming the answer", e, false);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new LlmException("streaming failed: " + e.getCause(), e.getCause(), false);
        }
    }
}
