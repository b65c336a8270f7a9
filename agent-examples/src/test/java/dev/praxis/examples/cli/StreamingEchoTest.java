package dev.praxis.examples.cli;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.LlmClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingEchoTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final ChatRequest request = ChatRequest.builder().messages(List.of(UserMessage.from("hi"))).build();

    @Test
    void showsTheWholeAnswerOfABackendThatStreamsNoPartialText() {
        LlmClient silentStreamer = new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest r) {
                return ChatResponse.builder().aiMessage(AiMessage.from("Once upon a time")).build();
            }

            @Override
            public void stream(ChatRequest r, StreamingChatResponseHandler handler) {
                handler.onCompleteResponse(chat(r));
            }
        };

        ChatResponse response = silentStreamer.with(new StreamingEcho(out)).chat(request);

        assertThat(response.aiMessage().text()).isEqualTo("Once upon a time");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("praxis> Once upon a time" + System.lineSeparator());
    }

    @Test
    void printsStreamedTextOnceNotAgainAtTheEnd() {
        LlmClient streamer = r -> ChatResponse.builder().aiMessage(AiMessage.from("42")).build();

        streamer.with(new StreamingEcho(out)).chat(request);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("praxis> 42" + System.lineSeparator());
    }

    @Test
    void chatWithALocalGgufModelShowsItsAnswerWhenToolsAreOffered(@TempDir Path data) {
        Path model = Path.of("../../shared/models/stories260K.gguf").toAbsolutePath().normalize();
        if (!Files.isRegularFile(model)) {
            String reason = "GGUF test model not found at " + model + " (see shared/models/README.md)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(reason);
            }
            Assumptions.abort(reason);
        }
        var cli = PraxisCli.commandLine(out, new ByteArrayInputStream("Once upon a time\n/quit\n".getBytes(StandardCharsets.UTF_8)),
                Map.of("PRAXIS_MODEL", "gguf:" + model));

        assertThat(cli.execute("--data-dir", data.toString(), "chat")).isZero();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).containsPattern("praxis> \\S+");
    }
}
