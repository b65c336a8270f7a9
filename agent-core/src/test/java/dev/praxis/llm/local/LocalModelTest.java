package dev.praxis.llm.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.LlmException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-process llama.cpp backend on real (tiny, nonsense-writing) GGUF weights. */
class LocalModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalModel stories;

    private static final ChatRequest TELL = ChatRequest.builder()
            .messages(SystemMessage.from("You tell stories."), UserMessage.from("Once upon a time"))
            .maxOutputTokens(24)
            .build();

    @BeforeAll
    static void load() {
        stories = LocalModel.load(LocalOptions.of(TestModels.require(TestModels.STORIES)).withContextSize(512));
    }

    @AfterAll
    static void close() {
        if (stories != null) {
            stories.close();
        }
    }

    @Test
    void generatesTheSameTextForTheSameSeedAndReportsUsage() {
        ChatResponse first = stories.chat(TELL);
        ChatResponse second = stories.chat(TELL);

        assertThat(first.aiMessage().text()).isNotBlank().isEqualTo(second.aiMessage().text());
        assertThat(first.tokenUsage().inputTokenCount()).isGreaterThan(5);
        assertThat(first.tokenUsage().outputTokenCount()).isBetween(1, 24);
        assertThat(first.modelName()).isEqualTo("gguf:stories260K.gguf");
    }

    @Test
    void appliesAChatTemplateToTheConversation() {
        assertThat(stories.promptFor(TELL))
                .contains("<|im_start|>system\nYou tell stories.<|im_end|>")
                .contains("<|im_start|>user\nOnce upon a time<|im_end|>")
                .endsWith("<|im_start|>assistant\n");

        // neither test file carries a template in its metadata (llama.cpp then uses ChatML); a named one replaces it
        try (LocalModel llama2 = LocalModel.load(LocalOptions.of(TestModels.require(TestModels.LLAMA2_RANDOM))
                .withContextSize(256).withChatTemplate("llama2"))) {
            assertThat(llama2.promptFor(TELL)).isEqualTo("[INST] You tell stories.\nOnce upon a time [/INST]");
            assertThat(llama2.chat(TELL).tokenUsage().outputTokenCount()).isPositive();
        }
    }

    @Test
    void constrainsStructuredOutputToTheSchema() throws Exception {
        JsonObjectSchema person = JsonObjectSchema.builder()
                .addProperty("pet", JsonEnumSchema.builder().enumValues("cat", "dog", "fish").build())
                .addIntegerProperty("legs")
                .addBooleanProperty("happy")
                .required("pet", "legs", "happy")
                .build();
        ChatRequest ask = ChatRequest.builder().messages(UserMessage.from("Describe a pet as JSON."))
                .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name("Pet").rootElement(person).build()).build())
                .maxOutputTokens(120)
                .build();

        String text = stories.chat(ask).aiMessage().text();

        assertThat(validate(person, JSON.readTree(text))).as(text).isEmpty();
    }

    @Test
    void toolCallsAlwaysParseAgainstTheToolSchema() throws Exception {
        JsonObjectSchema args = JsonObjectSchema.builder().addIntegerProperty("a").addIntegerProperty("b")
                .required("a", "b").build();
        ChatRequest ask = ChatRequest.builder().messages(UserMessage.from("What is 2+3?"))
                .toolSpecifications(ToolSpecification.builder().name("add").description("Adds").parameters(args).build())
                .toolChoice(ToolChoice.REQUIRED)
                .maxOutputTokens(120)
                .build();

        ChatResponse response = stories.chat(ask);

        assertThat(response.aiMessage().toolExecutionRequests()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("add");
            assertThat(validate(args, JSON.readTree(call.arguments()))).as(call.arguments()).isEmpty();
        });
    }

    @Test
    void streamsTheSameTextTokenByToken() throws Exception {
        var partials = new CopyOnWriteArrayList<String>();
        var done = new CompletableFuture<ChatResponse>();

        stories.stream(TELL, handler(partials, done, false));

        ChatResponse complete = done.get(30, TimeUnit.SECONDS);
        assertThat(partials.size()).isGreaterThan(1);
        assertThat(String.join("", partials)).isEqualTo(complete.aiMessage().text())
                .isEqualTo(stories.chat(TELL).aiMessage().text());
    }

    @Test
    void cancellingAStreamStopsGeneration() throws Exception {
        var partials = new LinkedBlockingQueue<String>();
        var done = new CompletableFuture<ChatResponse>();

        stories.stream(TELL, handler(partials, done, true));
        assertThat(partials.poll(30, TimeUnit.SECONDS)).as("the first token").isNotNull();

        // generation holds the model's lock: this call waits until the cancelled stream let go of it
        assertThat(stories.chat(TELL).aiMessage().text()).isNotBlank();
        assertThat(partials).as("no token after the one that cancelled").isEmpty();
        assertThat(done).isNotDone();
    }

    @Test
    void missingOrCorruptFilesFailWithAClearError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> LocalModel.load(LocalOptions.of(dir.resolve("absent.gguf"))))
                .isInstanceOf(LlmException.class).hasMessageStartingWith("GGUF model file not found");

        Path text = Files.writeString(dir.resolve("notes.gguf"), "just some text, not weights");
        assertThatThrownBy(() -> LocalModel.load(LocalOptions.of(text)))
                .isInstanceOf(LlmException.class).hasMessageStartingWith("not a GGUF model file");

        Path truncated = dir.resolve("truncated.gguf");
        byte[] real = Files.readAllBytes(TestModels.require(TestModels.STORIES));
        Files.write(truncated, java.util.Arrays.copyOf(real, 4096));
        assertThatThrownBy(() -> LocalModel.load(LocalOptions.of(truncated)))
                .isInstanceOf(LlmException.class).hasMessageStartingWith("could not load GGUF model");
    }

    @Test
    void llmClientsLoadsGgufFromTheModelVariable() {
        Path file = TestModels.require(TestModels.STORIES);

        LlmClient llm = LlmClients.from(Map.of("PRAXIS_MODEL", "gguf:" + file));

        try {
            assertThat(llm).isInstanceOf(LocalModel.class);
            assertThat(llm.chat(TELL).aiMessage().text()).isNotBlank();
        } finally {
            ((LocalModel) llm).close();
        }
    }

    private static List<Error> validate(JsonObjectSchema schema, JsonNode value) throws Exception {
        String schemaJson = JSON.writeValueAsString(JsonSchemaElementUtils.toMap(schema));
        Schema compiled = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schemaJson, InputFormat.JSON);
        return compiled.validate(value);
    }

    private static StreamingChatResponseHandler handler(Collection<String> partials, CompletableFuture<ChatResponse> done,
                                                        boolean cancelAtOnce) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                partials.add(partial.text());
                if (cancelAtOnce) {
                    context.streamingHandle().cancel();
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
    }
}
