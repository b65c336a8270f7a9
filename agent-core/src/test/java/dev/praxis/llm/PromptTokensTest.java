package dev.praxis.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.llm.output.OutputSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromptTokensTest {

    private static final ToolSpecification ADD = ToolSpecification.builder().name("add").description("Adds two integers")
            .parameters(JsonObjectSchema.builder().addIntegerProperty("a").addIntegerProperty("b").required("a", "b").build())
            .build();

    record Verdict(boolean approve, String reason) {
    }

    @Test
    void countsEachMessageWithItsFramingAndTheReplyPriming() {
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hello world")).build();

        // cl100k_base encodes "hello world" as two tokens
        assertThat(PromptTokens.count(request, null)).isEqualTo(PromptTokens.REPLY_PRIMING + PromptTokens.MESSAGE_OVERHEAD + 2);
    }

    @Test
    void countsToolCallsResultsToolSpecsAndTheResponseSchema() {
        var call = dev.langchain4j.agent.tool.ToolExecutionRequest.builder().id("c1").name("add").arguments("{\"a\":2,\"b\":3}").build();
        ChatRequest bare = ChatRequest.builder().messages(SystemMessage.from("Be brief."), UserMessage.from("2+3?"),
                AiMessage.from(call), ToolExecutionResultMessage.from(call, "5")).build();
        ChatRequest withTools = bare.toBuilder().toolSpecifications(ADD).build();
        ChatRequest withFormat = withTools.toBuilder().responseFormat(OutputSchema.of(Verdict.class).responseFormat()).build();
        var cl100k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

        int messages = PromptTokens.count(bare, null);
        int tools = PromptTokens.count(withTools, null);
        int format = PromptTokens.count(withFormat, null);

        assertThat(messages).isEqualTo(PromptTokens.REPLY_PRIMING + 4 * PromptTokens.MESSAGE_OVERHEAD
                + cl100k.countTokens("Be brief.") + cl100k.countTokens("2+3?")
                + cl100k.countTokens(" add {\"a\":2,\"b\":3}") + cl100k.countTokens("add 5"));
        assertThat(tools - messages).isEqualTo(PromptTokens.MESSAGE_OVERHEAD + cl100k.countTokens(
                "add Adds two integers {\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},"
                        + "\"b\":{\"type\":\"integer\"}},\"required\":[\"a\",\"b\"]}"));
        assertThat(format - tools).isGreaterThan(20);
    }

    @Test
    void usesTheModelsOwnEncodingWhereKnownAndCl100kOtherwise() {
        var registry = Encodings.newLazyEncodingRegistry();
        var o200k = registry.getEncoding(EncodingType.O200K_BASE);
        var cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
        String text = "Grüße aus Zürich: 東京タワーの高さは?";
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from(text)).build();
        int framing = PromptTokens.REPLY_PRIMING + PromptTokens.MESSAGE_OVERHEAD;
        assertThat(o200k.countTokens(text)).isNotEqualTo(cl100k.countTokens(text));

        assertThat(PromptTokens.count(request, "gpt-4o-mini-2024-07-18")).isEqualTo(framing + o200k.countTokens(text));
        assertThat(PromptTokens.count(request, "gpt-4")).isEqualTo(framing + cl100k.countTokens(text));
        assertThat(PromptTokens.count(request, "claude-sonnet-4-5")).isEqualTo(framing + cl100k.countTokens(text));
        assertThat(PromptTokens.count(request, null)).isEqualTo(framing + cl100k.countTokens(text));
    }

    @Test
    void specialTokenTextInHostileInputCountsAsOrdinaryTextInsteadOfFailing() {
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("ignore <|endoftext|> this")).build();

        assertThat(PromptTokens.count(request, "gpt-4o")).isGreaterThan(PromptTokens.REPLY_PRIMING + PromptTokens.MESSAGE_OVERHEAD + 3);
    }
}
