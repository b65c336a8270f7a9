package dev.praxis.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceTableTest {

    private final PriceTable table = PriceTable.of(Map.of(
            "gpt-4o", Price.perMillion("2.50", "10.00").withCachedInput("1.25"),
            "gpt-4o-mini", Price.perMillion("0.15", "0.60").withCachedInput("0.075")));

    private static ChatResponse response(String model, TokenUsage usage) {
        return ChatResponse.builder().aiMessage(AiMessage.from("x")).modelName(model).tokenUsage(usage).build();
    }

    @Test
    void pricesInputAndOutputPerMillionTokens() {
        assertThat(table.cost(response("gpt-4o", new TokenUsage(2_000, 500)))).isEqualByComparingTo("0.01");
    }

    @Test
    void matchesDatedModelNamesByTheLongestPrefix() {
        assertThat(table.priceOf("gpt-4o-mini-2024-07-18")).contains(Price.perMillion("0.15", "0.60").withCachedInput("0.075"));
        assertThat(table.priceOf("gpt-4o-2024-08-06").orElseThrow().inputPerMillion()).isEqualByComparingTo("2.50");
        assertThat(table.priceOf("claude-sonnet-4-5")).isEmpty();
    }

    @Test
    void theHighestPriceTakesEachRateFromTheDearestModel() {
        PriceTable mixed = PriceTable.of(Map.of("a", Price.perMillion("3", "4"), "b", Price.perMillion("5", "1")));

        assertThat(mixed.highest()).contains(Price.perMillion("5", "4"));
        assertThat(PriceTable.NONE.highest()).isEmpty();
        assertThat(PriceTable.NONE.isEmpty()).isTrue();
        assertThat(mixed.isEmpty()).isFalse();
    }

    @Test
    void cachedInputTokensReportedByOpenAiCostTheCachedRate() {
        TokenUsage usage = OpenAiTokenUsage.builder().inputTokenCount(1_000_000).outputTokenCount(0)
                .inputTokensDetails(OpenAiTokenUsage.InputTokensDetails.builder().cachedTokens(400_000).build()).build();

        // 600k at 0.15 plus 400k at 0.075
        assertThat(table.cost(response("gpt-4o-mini", usage))).isEqualByComparingTo("0.12");
    }

    @Test
    void unknownModelsAndMissingUsageCostNothing() {
        assertThat(table.cost(response("mystery-model", new TokenUsage(1000, 1000)))).isZero();
        assertThat(table.cost(response("gpt-4o", null))).isZero();
    }

    @Test
    void rejectsNegativePrices() {
        assertThatThrownBy(() -> Price.perMillion("-1", "1")).isInstanceOf(IllegalArgumentException.class);
    }
}
