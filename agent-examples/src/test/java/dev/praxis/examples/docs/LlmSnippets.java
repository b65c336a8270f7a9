package dev.praxis.examples.docs;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.examples.Arithmetic;
import dev.praxis.llm.CircuitBreaker;
import dev.praxis.llm.Fallback;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.LlmException;
import dev.praxis.llm.Price;
import dev.praxis.llm.PriceTable;
import dev.praxis.llm.RateLimit;
import dev.praxis.llm.Retry;
import dev.praxis.llm.Timeout;
import dev.praxis.llm.local.LocalModel;
import dev.praxis.llm.local.LocalOptions;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The code of docs/llm.md. Snippets that need a model server or a model file the build does
 * not have are compiled only ({@code compileOnly...} methods); the rest run.
 */
class LlmSnippets {

    @Test
    void choosingAModelNamesTheMissingSetting() {
        assertThatThrownBy(() -> LlmClients.from(Map.of("PRAXIS_MODEL", "anthropic:claude-sonnet-4-5")))
                .isInstanceOf(LlmException.class).hasMessageContaining("PRAXIS_API_KEY");
        LlmClient llm = LlmClients.from(Map.of("PRAXIS_MODEL", "ollama:llama3.2"));   // built, not called
        assertThat(llm).isNotNull();
    }

    void compileOnlyChoosing() {
        // tag::choose[]
        LlmClient llm = LlmClients.fromEnv();                       // reads PRAXIS_MODEL & co.
        LlmClient same = LlmClients.from(Map.of("PRAXIS_MODEL", "ollama:llama3.2"));
        // end::choose[]
    }

    void compileOnlyLocalModel() {
        // tag::local[]
        try (LocalModel llm = LocalModel.load(LocalOptions.of(Path.of("qwen2.5-0.5b-instruct-q4_k_m.gguf")))) {
            LlmAgent agent = LlmAgent.builder().llm(llm).tools(new Arithmetic()).build();
            System.out.println(agent.run("What is 17 * 23?").output());
        }
        // end::local[]
    }

    @Test
    void decoratorsWrapAnyClient() {
        LlmClient llm = decorated(ScriptedLlm.of(text("hello")));
        assertThat(llm.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from("hi")).build()).aiMessage().text())
                .isEqualTo("hello");
    }

    private static LlmClient decorated(LlmClient primary) {
        return primary
                .with(Timeout.total(Duration.ofSeconds(60)).firstToken(Duration.ofSeconds(10)))
                .with(RateLimit.perMinute(60).tokensPerMinute(90_000))
                .with(CircuitBreaker.after(5).openFor(Duration.ofSeconds(30)))
                .with(Retry.upTo(4).baseDelay(Duration.ofMillis(500)));
    }

    void compileOnlyResilience() {
        // tag::resilience[]
        LlmClient llm = LlmClients.fromEnv()
                .with(Timeout.total(Duration.ofSeconds(60)).firstToken(Duration.ofSeconds(10)))  // per attempt
                .with(RateLimit.perMinute(60).tokensPerMinute(90_000))
                .with(CircuitBreaker.after(5).openFor(Duration.ofSeconds(30)))
                .with(Retry.upTo(4).baseDelay(Duration.ofMillis(500)))
                .with(Fallback.to(LlmClients.from(Map.of("PRAXIS_MODEL", "ollama:llama3.2"))));
        // end::resilience[]
    }

    @Test
    void streamingSendsPartialText() {
        LlmClient llm = ScriptedLlm.of(text("five"));
        StringBuilder printed = new StringBuilder();
        // tag::streaming[]
        LlmAgent agent = LlmAgent.builder().llm(llm).streaming(true)
                .listener(e -> { if (e instanceof AgentEvent.PartialText p) System.out.print(p.text()); })
                .build();
        // end::streaming[]
        LlmAgent recording = agent.toBuilder()
                .listener(e -> { if (e instanceof AgentEvent.PartialText p) printed.append(p.text()); }).build();

        assertThat(recording.run("2+3?").output()).isEqualTo("five");
        assertThat(printed).hasToString("five");
    }

    @Test
    void structuredOutputBindsToARecord() {
        LlmAgent agent = LlmAgent.builder()
                .llm(ScriptedLlm.of(text("{\"approve\": false, \"reason\": \"over the limit\"}"))).build();
        // tag::structured[]
        record Verdict(boolean approve, String reason) {}
        Verdict v = agent.run("Refund 900 EUR for order 42?", Verdict.class);
        // end::structured[]
        assertThat(v).isEqualTo(new Verdict(false, "over the limit"));
    }

    @Test
    void nativeStructuredOutputSendsTheSchemaAsTheResponseFormat() {
        ScriptedLlm llm = ScriptedLlm.of(text("{\"approve\": true, \"reason\": \"within policy\"}"));
        // tag::native[]
        record Verdict(boolean approve, String reason) {}
        LlmAgent agent = LlmAgent.builder().llm(llm)
                .nativeStructuredOutput(true)      // OpenAI, Gemini, Ollama, Anthropic, local GGUF
                .build();
        Verdict v = agent.run("Refund 20 EUR for order 7?", Verdict.class);
        // end::native[]
        assertThat(v).isEqualTo(new Verdict(true, "within policy"));
        var format = llm.requests().get(0).responseFormat();
        assertThat(format.jsonSchema().name()).isEqualTo("Verdict");
        assertThat(((dev.langchain4j.model.chat.request.json.JsonObjectSchema) format.jsonSchema().rootElement())
                .required()).containsExactly("approve", "reason");
    }

    @Test
    void theEstimateStopsARunBeforeACallItCannotAfford() {
        ScriptedLlm llm = ScriptedLlm.of();
        PriceTable prices = PriceTable.of(Map.of("gpt-4o-mini", Price.perMillion("0.15", "0.60")));
        // tag::estimate[]
        LlmAgent agent = LlmAgent.builder().llm(llm).prices(prices)
                .budget(Budget.DEFAULT.withMaxCost(new BigDecimal("0.001")))
                .reserveOutputTokens(2_000)        // the estimate counts this much output at the output price
                .build();
        AgentResult result = agent.run("Summarise the attached report ...");
        // BUDGET_EXHAUSTED, model never called: "cost budget would be exceeded: the next model call is
        // estimated at 0.0012021 (14 prompt tokens + 2000 reserved output tokens at the table's highest
        // prices) and 0 of 0.001 is spent; the call was not made"
        // end::estimate[]
        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).isEqualTo("cost budget would be exceeded: the next model call is estimated at"
                + " 0.0012021 (14 prompt tokens + 2000 reserved output tokens at the table's highest prices) and 0 of"
                + " 0.001 is spent; the call was not made");
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void costBudgetStopsTheRun() {
        LlmClient llm = ScriptedLlm.of(priced(toolCall("add", "{\"a\":2,\"b\":3}")),
                priced(toolCall("add", "{\"a\":5,\"b\":3}")), priced(toolCall("add", "{\"a\":8,\"b\":3}")));
        // tag::cost[]
        PriceTable prices = PriceTable.of(Map.of(
                "gpt-4o-mini", Price.perMillion("0.15", "0.60").withCachedInput("0.075"),
                "claude-sonnet-4-5", Price.perMillion("3", "15")));
        LlmAgent agent = LlmAgent.builder().llm(llm).prices(prices)
                .budget(Budget.DEFAULT.withMaxCost(new BigDecimal("0.50")))
                .build();
        // end::cost[]
        AgentResult result = agent.toBuilder().tools(new Arithmetic()).build().run("keep adding");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).startsWith("cost budget exhausted: 0.63");
        assertThat(result.usage().cost()).isEqualByComparingTo("0.63");
    }

    /** {@code reply} as if from gpt-4o-mini, using a million input and 100,000 output tokens (0.21 at the price above). */
    private static ScriptedLlm.Reply priced(ScriptedLlm.Reply reply) {
        return request -> {
            var response = reply.reply(request);
            return dev.langchain4j.model.chat.response.ChatResponse.builder().aiMessage(response.aiMessage())
                    .modelName("gpt-4o-mini-2024-07-18")
                    .tokenUsage(new dev.langchain4j.model.output.TokenUsage(1_000_000, 100_000)).build();
        };
    }
}
