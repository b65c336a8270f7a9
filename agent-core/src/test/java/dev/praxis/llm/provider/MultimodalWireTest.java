package dev.praxis.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.praxis.content.Parts;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.UnsupportedContentException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.praxis.llm.provider.WireServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Images, audio and PDFs in user messages and tool results, as each provider's wire format
 * expects them, against a real HTTP server on loopback; parts a provider cannot take are refused
 * with a typed error before anything is sent.
 */
class MultimodalWireTest {

    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    static final String WAV = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=";
    static final String PDF = "JVBERi0xLjQKJcTl8uXrp/Og0MTGCg==";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String OPENAI_OK = """
            {"id":"c","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,
             "message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";
    static final String ANTHROPIC_OK = """
            {"id":"m","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"ok"}],
             "stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}""";
    static final String GEMINI_OK = """
            {"candidates":[{"content":{"role":"model","parts":[{"text":"ok"}]},"finishReason":"STOP"}],
             "usageMetadata":{"promptTokenCount":1,"candidatesTokenCount":1,"totalTokenCount":2}}""";
    static final String OLLAMA_OK = """
            {"model":"llama3.2","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":"ok"},
             "done":true,"done_reason":"stop","prompt_eval_count":1,"eval_count":1}""";

    private final WireServer server = Wire.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private LlmClient client(String model, String path) {
        return LlmClients.from(Map.of("PRAXIS_MODEL", model, "PRAXIS_BASE_URL", server.url(path),
                "PRAXIS_API_KEY", "test-key"));
    }

    private JsonNode send(LlmClient llm, String reply, ChatMessage... messages) throws Exception {
        server.enqueue(json(reply));
        llm.chat(ChatRequest.builder().messages(messages).build());
        return server.takeRequest().json();
    }

    private static UserMessage lookHearRead() {
        return UserMessage.from(TextContent.from("What is in these?"), ImageContent.from(PNG, "image/png"),
                AudioContent.from(WAV, "audio/wav"), PdfFileContent.from(PDF, "application/pdf"));
    }

    /** A user asks, the model calls {@code snap}, the tool answers with text and an image. */
    private static ChatMessage[] toolReturnedImage() {
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("call_1").name("snap").arguments("{}").build();
        return new ChatMessage[]{UserMessage.from("Take a photo."), AiMessage.from(List.of(call)),
                ToolExecutionResultMessage.builder().id("call_1").toolName("snap")
                        .contents(TextContent.from("Here it is."), ImageContent.from(PNG, "image/png")).build()};
    }

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void openAiSendsImageAudioAndPdfAsTypedContentParts() throws Exception {
        JsonNode body = send(client("openai:gpt-4o-mini", "/v1"), OPENAI_OK, lookHearRead());

        assertThat(body.path("messages").get(0)).isEqualTo(tree("""
                {"role":"user","content":[{"type":"text","text":"What is in these?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,%s","detail":"low"}},
                  {"type":"input_audio","input_audio":{"data":"%s","format":"wav"}},
                  {"type":"file","file":{"file_data":"data:application/pdf;base64,%s","filename":"pdf_file"}}]}"""
                .formatted(PNG, WAV, PDF)));
    }

    @Test
    void openAiToolResultImageFollowsTheToolResultsInAUserMessage() throws Exception {
        JsonNode messages = send(client("openai:gpt-4o-mini", "/v1"), OPENAI_OK, toolReturnedImage()).path("messages");

        String image = Parts.describe(ImageContent.from(PNG, "image/png"));
        assertThat(messages).hasSize(4);
        assertThat(messages.get(2)).isEqualTo(tree("""
                {"role":"tool","tool_call_id":"call_1","content":"Here it is.\\n%s (attached in the next user message)"}"""
                .formatted(image)));
        assertThat(messages.get(3)).isEqualTo(tree("""
                {"role":"user","content":[{"type":"text","text":"Attached by the tool snap (call call_1):"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,%s","detail":"low"}}]}""".formatted(PNG)));
    }

    @Test
    void anthropicSendsImageAndPdfAsBase64Sources() throws Exception {
        JsonNode body = send(client("anthropic:claude-sonnet-4-5", "/v1"), ANTHROPIC_OK,
                UserMessage.from(TextContent.from("Read these."), ImageContent.from(PNG, "image/png"),
                        PdfFileContent.from(PDF, "application/pdf")));

        assertThat(body.path("messages").get(0)).isEqualTo(tree("""
                {"role":"user","content":[{"type":"text","text":"Read these."},
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}},
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"%s"}}]}"""
                .formatted(PNG, PDF)));
    }

    @Test
    void anthropicKeepsTheToolResultImageInsideTheToolResult() throws Exception {
        JsonNode messages = send(client("anthropic:claude-sonnet-4-5", "/v1"), ANTHROPIC_OK, toolReturnedImage())
                .path("messages");

        assertThat(messages).hasSize(3);
        assertThat(messages.get(2)).isEqualTo(tree("""
                {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":[
                  {"type":"text","text":"Here it is."},
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}}]}]}"""
                .formatted(PNG)));
    }

    @Test
    void anthropicRefusesAudioBeforeSendingAnything() {
        LlmClient llm = client("anthropic:claude-sonnet-4-5", "/v1");

        assertThatThrownBy(() -> llm.chat(ChatRequest.builder().messages(lookHearRead()).build()))
                .isInstanceOf(UnsupportedContentException.class)
                .hasMessageContaining("Anthropic does not read audio content")
                .hasMessageContaining("audio/wav");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void geminiSendsEveryPartAsInlineData() throws Exception {
        JsonNode body = send(client("gemini:gemini-2.5-flash", "/v1beta"), GEMINI_OK, lookHearRead());

        assertThat(body.path("contents").get(0)).isEqualTo(tree("""
                {"parts":[{"text":"What is in these?"},{"inlineData":{"mimeType":"image/png","data":"%s"}},
                  {"inlineData":{"mimeType":"audio/wav","data":"%s"}},
                  {"inlineData":{"mimeType":"application/pdf","data":"%s"}}],"role":"user"}"""
                .formatted(PNG, WAV, PDF)));
    }

    @Test
    void geminiPutsTheToolResultImageBesideTheFunctionResponse() throws Exception {
        JsonNode contents = send(client("gemini:gemini-2.5-flash", "/v1beta"), GEMINI_OK, toolReturnedImage())
                .path("contents");

        assertThat(contents.get(2)).isEqualTo(tree("""
                {"parts":[{"functionResponse":{"id":"call_1","name":"snap","response":{"response":"Here it is."}}},
                  {"inlineData":{"mimeType":"image/png","data":"%s"}}],"role":"user"}""".formatted(PNG)));
    }

    @Test
    void ollamaSendsImagesAsTheMessagesBase64List() throws Exception {
        JsonNode body = send(client("ollama:llama3.2", ""), OLLAMA_OK,
                UserMessage.from(TextContent.from("Describe it."), ImageContent.from(PNG, "image/png")));

        assertThat(body.path("messages").get(0)).isEqualTo(tree("""
                {"role":"user","content":"Describe it.","images":["%s"]}""".formatted(PNG)));
    }

    @Test
    void ollamaToolResultImageFollowsInAUserMessage() throws Exception {
        JsonNode messages = send(client("ollama:llama3.2", ""), OLLAMA_OK, toolReturnedImage()).path("messages");

        assertThat(messages).hasSize(4);
        assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).path("content").asText()).startsWith("Here it is.\n[image image/png, 70 bytes");
        assertThat(messages.get(3)).isEqualTo(tree("""
                {"role":"user","content":"Attached by the tool snap (call call_1):","images":["%s"]}""".formatted(PNG)));
    }

    @Test
    void ollamaRefusesPdfsAndImageUrls() {
        LlmClient llm = client("ollama:llama3.2", "");

        assertThatThrownBy(() -> llm.chat(ChatRequest.builder().messages(UserMessage.from(
                TextContent.from("Read."), PdfFileContent.from(PDF, "application/pdf"))).build()))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("Ollama does not read pdf content");
        assertThatThrownBy(() -> llm.chat(ChatRequest.builder().messages(UserMessage.from(
                TextContent.from("Look."), ImageContent.from("https://example.org/cat.png"))).build()))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("needs the bytes inline");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void refusesMediaTypesAndSizesTheProviderDoesNotTake() {
        List<Content> bmp = List.of(TextContent.from("Look."), ImageContent.from(PNG, "image/bmp"));
        assertThatThrownBy(() -> client("openai:gpt-4o-mini", "/v1").chat(ChatRequest.builder()
                .messages(UserMessage.from(bmp)).build()))
                .isInstanceOf(UnsupportedContentException.class)
                .hasMessageContaining("OpenAI reads image only as image/gif, image/jpeg, image/png, image/webp")
                .hasMessageContaining("image/bmp");

        String sixMegabytes = Base64.getEncoder().encodeToString(new byte[6 * 1024 * 1024]);
        assertThatThrownBy(() -> client("anthropic:claude-sonnet-4-5", "/v1").chat(ChatRequest.builder()
                .messages(UserMessage.from(TextContent.from("Look."), ImageContent.from(sixMegabytes, "image/png")))
                .build()))
                .isInstanceOf(UnsupportedContentException.class)
                .hasMessageContaining("Anthropic takes at most 5 MB per part")
                .hasMessageContaining("6291456 bytes");
        assertThat(server.requests).isEmpty();
    }
}
