package dev.praxis.store.embedding;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.ExperienceLoop;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Step;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.EmbeddingExperienceStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.Owner;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.ToolCall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Experience in the loop with the real MiniLM embedding model: the scripted model does not know the
 * converter's unit codes and guesses spelled-out names, which the tool refuses; shown a worked
 * example, it copies the first example's call, with its own number. So a run succeeds only when
 * recall put the right earlier run first: absent, wrongly ordered or judged-bad examples all make it fail.
 */
class ExperienceInTheLoopTest {

    private static final Pattern TASK = Pattern.compile("Convert (\\d+) (\\w+) to (\\w+)");
    private static final Pattern SHOWN_CALL = Pattern.compile("Step \\d+: call convert (\\{.*?\\}) \\(worked\\)");
    private static final Pattern HINT = Pattern.compile("\\(codes: from=(\\w+), to=(\\w+)\\)");

    private final EmbeddingExperienceStore store = new EmbeddingExperienceStore(new InMemoryVectorStore(),
            LocalEmbeddings.allMiniLm(), ContentCipher.NONE);
    // no similarity floor: every earlier run is shown, so only the order recall gives decides which one is copied
    private final ExperienceLoop experience = ExperienceLoop.over(store).examples(2).minSimilarity(-1);
    private final LlmAgent agent = LlmAgent.builder().llm(new PatternCopyingModel()).tools(new Converter())
            .systemPrompt("You convert units with the convert tool.").experience(experience).build();

    @BeforeAll
    static void offline() {
        LocalEmbeddings.keepOffline();
    }

    /** The converter: unit codes km, mi, c, f only. */
    public static final class Converter {
        @Tool("Converts a value between units")
        @SideEffects(SideEffect.READ_ONLY)
        public String convert(double value, String from, String to) {
            String pair = from + ">" + to;
            double result = switch (pair) {
                case "km>mi" -> value / 1.609344;
                case "mi>km" -> value * 1.609344;
                case "f>c" -> (value - 32) * 5 / 9;
                case "c>f" -> value * 9 / 5 + 32;
                default -> throw new IllegalArgumentException("unknown unit pair " + pair);
            };
            return String.format(Locale.ROOT, "%.2f", result);
        }
    }

    /**
     * Calls convert once: with the codes the user gave, else with the first worked call of the first
     * example in its system prompt (its value replaced by this task's), else with spelled-out unit
     * names; then answers with the tool's result, or says it could not.
     */
    static final class PatternCopyingModel implements LlmClient {
        @Override
        public ChatResponse chat(dev.langchain4j.model.chat.request.ChatRequest request) {
            List<ChatMessage> messages = request.messages();
            ChatMessage last = messages.get(messages.size() - 1);
            String task = messages.stream().filter(UserMessage.class::isInstance)
                    .map(m -> ((UserMessage) m).singleText()).reduce((a, b) -> b).orElseThrow();
            Matcher t = TASK.matcher(task);
            if (!t.find()) {
                throw new IllegalStateException("unexpected task " + task);
            }
            if (last instanceof ToolExecutionResultMessage result) {
                boolean failed = result.text().contains("unknown unit");
                return answer(failed ? "I could not convert that." : t.group(1) + " " + t.group(2) + " is "
                        + result.text() + " " + t.group(3));
            }
            String system = messages.get(0) instanceof SystemMessage s ? s.text() : "";
            Matcher hint = HINT.matcher(task);
            Matcher shown = SHOWN_CALL.matcher(system);
            String arguments;
            if (hint.find()) {
                arguments = "{\"value\":" + t.group(1) + ",\"from\":\"" + hint.group(1) + "\",\"to\":\"" + hint.group(2)
                        + "\"}";
            } else if (shown.find()) {
                arguments = shown.group(1).replaceAll("\"value\":[0-9.]+", "\"value\":" + t.group(1));
            } else {
                arguments = "{\"value\":" + t.group(1) + ",\"from\":\"" + t.group(2) + "\",\"to\":\"" + t.group(3)
                        + "\"}";
            }
            return ChatResponse.builder().aiMessage(AiMessage.from(List.of(ToolExecutionRequest.builder()
                    .id("call-1").name("convert").arguments(arguments).build()))).build();
        }

        private static ChatResponse answer(String text) {
            return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
        }
    }

    private AgentResult run(String task) {
        return agent.run(AgentRequest.of(task).onBehalfOf(new Owner("acme", "ann")));
    }

    private static List<ToolCall> calls(AgentResult result) {
        return result.steps().stream().flatMap((Step s) -> s.calls().stream()).toList();
    }

    @Test
    void atTheDefaultSimilarityAnUnrelatedRunIsNotShown() {
        LlmAgent defaults = LlmAgent.builder().llm(new PatternCopyingModel()).tools(new Converter())
                .experience(ExperienceLoop.over(store)).build();
        defaults.run(AgentRequest.of("Convert 100 fahrenheit to celsius (codes: from=f, to=c)")
                .onBehalfOf(new Owner("acme", "ann")));

        AgentResult result = defaults.run(AgentRequest.of("Convert 12 kilometres to miles")
                .onBehalfOf(new Owner("acme", "ann")));

        assertThat(result.output()).isEqualTo("I could not convert that.");
    }

    @Test
    void withoutExperienceTheModelGuessesTheUnitsAndFails() {
        AgentResult result = run("Convert 12 kilometres to miles");

        assertThat(result.output()).isEqualTo("I could not convert that.");
    }

    @Test
    void theRightRecalledRunTeachesTheToolArgumentsAndTheAnswerIsRight() {
        AgentResult taught = run("Convert 5 kilometres to miles (codes: from=km, to=mi)");
        AgentResult distractor = run("Convert 100 fahrenheit to celsius (codes: from=f, to=c)");
        experience.feedback(taught.runId(), 1.0);
        experience.feedback(distractor.runId(), 1.0);

        AgentResult result = run("Convert 12 kilometres to miles");

        assertThat(calls(result)).singleElement().extracting(ToolCall::arguments)
                .isEqualTo("{\"value\":12,\"from\":\"km\",\"to\":\"mi\"}");
        assertThat(result.output()).isEqualTo("12 kilometres is 7.46 miles");
        AgentResult temperature = run("Convert 50 fahrenheit to celsius");
        assertThat(temperature.output()).isEqualTo("50 fahrenheit is 10.00 celsius");
    }

    @Test
    void aRunJudgedBadIsNotShownSoOnlyTheWrongKindOfExampleIsLeft() {
        AgentResult taught = run("Convert 5 kilometres to miles (codes: from=km, to=mi)");
        run("Convert 100 fahrenheit to celsius (codes: from=f, to=c)");
        experience.feedback(taught.runId(), -1.0);

        AgentResult result = run("Convert 12 kilometres to miles");

        assertThat(calls(result)).singleElement().extracting(ToolCall::arguments)
                .isEqualTo("{\"value\":12,\"from\":\"f\",\"to\":\"c\"}");
        assertThat(result.output()).isNotEqualTo("12 kilometres is 7.46 miles");
    }
}
