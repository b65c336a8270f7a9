package dev.praxis.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.Calculator;
import dev.praxis.agent.LlmAgent;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** Fine-tuning lines hold exactly what the model was sent; preference pairs and the split. */
class FaithfulExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryTrajectoryStore store = new InMemoryTrajectoryStore();
    private final MessageWindowMemory memory = MessageWindowMemory.of(50);

    private LlmAgent agent(ScriptedLlm llm) {
        return LlmAgent.builder().llm(llm).tools(new Calculator()).systemPrompt("You add numbers.").memory(memory)
                .listener(new TrajectoryRecorder(store)).build();
    }

    private static List<JsonNode> lines(String jsonl) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** What the model was sent as the chat format writes it, so a line can be compared with the request. */
    private static JsonNode sent(ChatRequest request) {
        return ChatJson.write(request.messages());
    }

    @Test
    void aLineIsTheLastPromptTheModelSawPlusItsAnswerWithTheToolsOffered() throws Exception {
        var scope = MemoryScope.of("alice", "sums");
        var llm = ScriptedLlm.of(text("Hello, I add numbers."), toolCall("add", "{\"a\":2,\"b\":3}"), text("5"));
        agent(llm).run(AgentRequest.of("hi").inSession(scope));
        AgentResult second = agent(llm).run(AgentRequest.of("2+3?").inSession(scope));
        var out = new StringWriter();

        FineTuning.export(List.of(store.find(second.runId()).orElseThrow()), t -> true, out);

        JsonNode line = lines(out.toString()).get(0);
        JsonNode messages = line.get("messages");
        JsonNode lastPrompt = sent(llm.requests().get(2));
        for (int i = 0; i < lastPrompt.size(); i++) {
            JsonNode expected = lastPrompt.get(i).deepCopy();
            if (expected.get("role").asText().equals("assistant") && i < 3) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("weight", 0);
            }
            assertThat(messages.get(i)).as("message %d", i).isEqualTo(expected);
        }
        assertThat(messages).hasSize(lastPrompt.size() + 1);
        assertThat(messages.get(0).get("content").asText()).isEqualTo("You add numbers.");
        assertThat(messages.get(1).get("content").asText()).isEqualTo("hi");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("Hello, I add numbers.");
        assertThat(messages.get(2).get("weight").asInt()).isZero();
        assertThat(messages.get(4).has("weight")).isFalse();
        assertThat(messages.get(messages.size() - 1).get("content").asText()).isEqualTo("5");
        JsonNode add = line.get("tools").get(0);
        assertThat(line.get("tools")).hasSize(2);
        assertThat(add.get("type").asText()).isEqualTo("function");
        assertThat(add.get("function").get("name").asText()).isEqualTo("add");
        assertThat(add.get("function").get("description").asText()).isEqualTo("Adds two integers");
        assertThat(add.get("function").get("parameters").get("properties").get("a").get("type").asText())
                .isEqualTo("integer");
        assertThat(add.get("function").get("parameters").get("required")).hasSize(2);
    }

    @Test
    void aLastCallMadeWithoutToolsBecomesOneLinePerModelCall() throws Exception {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"));
        LlmAgent.builder().llm(llm).tools(new Calculator()).listener(new TrajectoryRecorder(store)).build()
                .run(AgentRequest.of("2+3?").withBudget(Budget.DEFAULT.withMaxSteps(2)));
        var out = new StringWriter();

        FineTuning.ExportSummary summary = FineTuning.export(store.all(), t -> true, out);

        assertThat(summary.written()).isEqualTo(2);
        List<JsonNode> lines = lines(out.toString());
        JsonNode first = lines.get(0).get("messages");
        assertThat(first).hasSize(2);
        assertThat(first.get(1).get("tool_calls").get(0).get("function").get("name").asText()).isEqualTo("add");
        assertThat(lines.get(0).get("tools")).hasSize(2);
        JsonNode second = lines.get(1).get("messages");
        for (int i = 0; i < second.size() - 1; i++) {
            JsonNode message = second.get(i);
            assertThat(message.has("weight")).isEqualTo(message.get("role").asText().equals("assistant"));
        }
        assertThat(second.get(second.size() - 2).get("content").asText()).startsWith("You cannot use tools any more");
        assertThat(second.get(second.size() - 1).get("content").asText()).isEqualTo("5");
        assertThat(lines.get(1).has("tools")).as("the last call was offered no tools").isFalse();
    }

    @Test
    void preferencePairsAreTheFirstCallWhereAGoodAndABadRunDifferedOnTheSamePrompt() throws Exception {
        AgentResult good = agent(ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"))).run("2+3?");
        AgentResult bad = agent(ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":2}"), text("4"))).run("2+3?");
        AgentResult unjudged = agent(ScriptedLlm.of(text("6"))).run("2+3?");
        store.feedback(good.runId(), 1.0, "right");
        store.feedback(bad.runId(), -1.0, "wrong operand");
        var out = new StringWriter();

        FineTuning.ExportSummary summary = FineTuning.exportPreferences(store.all(), out);

        assertThat(summary.written()).isEqualTo(1);
        assertThat(out.toString()).doesNotContain("\"6\"");
        JsonNode pair = lines(out.toString()).get(0);
        assertThat(pair.get("input").get("messages")).isEqualTo(sent(requestOf(good, 0)));
        assertThat(pair.get("input").get("tools")).hasSize(2);
        assertThat(pair.get("preferred_output").get(0).get("tool_calls").get(0).get("function").get("arguments")
                .asText()).isEqualTo("{\"a\":2,\"b\":3}");
        assertThat(pair.get("non_preferred_output").get(0).get("tool_calls").get(0).get("function")
                .get("arguments").asText()).isEqualTo("{\"a\":2,\"b\":2}");
        assertThat(unjudged.completed()).isTrue();
    }

    @Test
    void pairsThatAgreeOnTheFirstCallDifferOnTheAnswerAfterTheSameToolResult() throws Exception {
        AgentResult good = agent(ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"))).run("2+3?");
        AgentResult bad = agent(ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("five-ish"))).run("2+3?");
        store.feedback(good.runId(), 0.5, "");
        store.feedback(bad.runId(), -0.5, "");
        var out = new StringWriter();

        FineTuning.exportPreferences(store.all(), out);

        JsonNode pair = lines(out.toString()).get(0);
        assertThat(pair.get("input").get("messages")).hasSize(4);
        assertThat(pair.get("input").get("messages").get(3).get("role").asText()).isEqualTo("tool");
        assertThat(pair.get("input").get("messages").get(3).get("content").asText()).isEqualTo("5");
        assertThat(pair.get("preferred_output").get(0).get("content").asText()).isEqualTo("5");
        assertThat(pair.get("non_preferred_output").get(0).get("content").asText()).isEqualTo("five-ish");
    }

    private ChatRequest requestOf(AgentResult result, int step) {
        return ChatRequest.builder().messages(store.find(result.runId()).orElseThrow().steps().get(step).prompt()
                .messages()).build();
    }

    @Test
    void theSplitIsReproducibleAndKeepsEachSessionOnOneSide() {
        List<Trajectory> runs = new ArrayList<>();
        IntStream.range(0, 40).forEach(i -> runs.add(trajectory("run" + i, i < 30 ? "session" + (i % 10) : "")));

        Split split = FineTuning.split(runs, 0.25, 7);

        assertThat(FineTuning.split(runs, 0.25, 7)).isEqualTo(split);
        assertThat(split.train().size() + split.validation().size()).isEqualTo(40);
        // 10 sessions of 3 runs and 10 runs alone: 20 groups, 5 of them for validation
        List<String> trainSessions = split.train().stream().map(Trajectory::session).filter(s -> !s.isEmpty()).toList();
        assertThat(split.validation()).allSatisfy(t -> assertThat(trainSessions).doesNotContain(t.session()));
        long validationGroups = split.validation().stream()
                .map(t -> t.session().isEmpty() ? t.id() : t.session()).distinct().count();
        assertThat(validationGroups).isEqualTo(5);
        assertThat(FineTuning.split(runs, 0.25, 8)).isNotEqualTo(split);
        assertThat(FineTuning.split(runs, 0.0, 7).validation()).isEmpty();
    }

    private static Trajectory trajectory(String id, String session) {
        return new Trajectory(id, "task", Trajectory.Origin.AGENT_RUN, List.of(), List.of(), java.time.Instant.EPOCH,
                java.time.Duration.ZERO, session);
    }

    @Test
    void everyExportedLineMatchesTheSchemaOfTheDocumentedFormats() throws Exception {
        var scope = MemoryScope.of("bob", "s");
        AgentResult good = agent(ScriptedLlm.of(text("Hi."), toolCall("add", "{\"a\":2,\"b\":3}"), text("5")))
                .run(AgentRequest.of("hi").inSession(scope));
        good = agent(ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"))).run("2+3?");
        AgentResult bad = agent(ScriptedLlm.of(toolCall("divide", "{\"a\":2,\"b\":3}"), text("0"))).run("2+3?");
        LlmAgent.builder().llm(ScriptedLlm.of(toolCall("add", "{\"a\":1,\"b\":1}"), text("2")))
                .tools(new Calculator()).listener(new TrajectoryRecorder(store)).build()
                .run(AgentRequest.of("1+1?").withBudget(Budget.DEFAULT.withMaxSteps(2)));
        store.feedback(good.runId(), 1, "");
        store.feedback(bad.runId(), -1, "");
        var chat = new StringWriter();
        var preferences = new StringWriter();
        FineTuning.export(store.all(), t -> true, chat);
        FineTuning.exportPreferences(store.all(), preferences);
        Schema chatLine = schema("chat-line.schema.json");
        Schema preferenceLine = preferenceSchema();

        assertThat(lines(chat.toString())).hasSize(5).allSatisfy(line ->
                assertThat(chatLine.validate(line)).as(line.toString()).isEmpty());
        assertThat(lines(preferences.toString())).hasSize(1).allSatisfy(line ->
                assertThat(preferenceLine.validate(line)).as(line.toString()).isEmpty());
        // the schema does reject what the format does not allow
        JsonNode orphan = JSON.readTree("{\"messages\":[{\"role\":\"tool\",\"content\":\"5\"}]}");
        JsonNode noParameters = JSON.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"add\"}}]}");
        assertThat(chatLine.validate(orphan)).isNotEmpty();
        assertThat(chatLine.validate(noParameters)).isNotEmpty();
    }

    private static Schema schema(String name) throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(resource(name), InputFormat.JSON);
    }

    /** The preference schema with the chat schema's definitions it refers to copied in. */
    private static Schema preferenceSchema() throws IOException {
        var preference = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                resource("preference-line.schema.json").replace("chat-line.schema.json#/$defs/", "#/$defs/"));
        var defs = (com.fasterxml.jackson.databind.node.ObjectNode) preference.get("$defs");
        JSON.readTree(resource("chat-line.schema.json")).get("$defs").fields()
                .forEachRemaining(e -> defs.set(e.getKey(), e.getValue()));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(preference.toString(), InputFormat.JSON);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FaithfulExportTest.class.getResourceAsStream("/fine-tuning/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
