package dev.praxis.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.agent.LlmAgent;
import dev.praxis.guard.PiiRedactor;
import dev.praxis.guard.SecretMasker;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventLogTest {

    /** The documented schema (docs/observability.md, "Event log"): the fields of each line type. */
    private static final Map<String, Set<String>> SCHEMA = Map.of(
            "run_started", Set.of("v", "ts", "type", "run", "agent", "input", "session"),
            "perceived", Set.of("v", "ts", "type", "run", "agent", "step", "messages", "tools"),
            "model_called", Set.of("v", "ts", "type", "run", "agent", "step", "text", "tool_calls", "input_tokens",
                    "output_tokens", "cost", "latency_ms"),
            "tool_started", Set.of("v", "ts", "type", "run", "agent", "step", "call"),
            "tool_finished", Set.of("v", "ts", "type", "run", "agent", "step", "call", "outcome", "result", "duration_ms"),
            "tool_abandoned", Set.of("v", "ts", "type", "run", "agent", "step", "call", "reason", "waited_ms"),
            "completed", Set.of("v", "ts", "type", "run", "agent", "status", "reason", "output", "steps", "input_tokens",
                    "output_tokens", "cost"));

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    private List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(json.readTree(line));
        }
        return out;
    }

    private void runAgent(EventLog log, String input) {
        var echo = TestTools.named("echo").stringParameter("text").answers(args -> "echo " + args);
        LlmAgent.builder().name("helper").tools(echo).listener(log)
                .llm(ScriptedLlm.of(toolCall("echo", "{\"text\":\"hi\"}"), text("done"))).build().run(input);
    }

    @Test
    void writesOneLineOfTheDocumentedSchemaPerEvent() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        try (EventLog log = EventLog.to(file, SecretMasker.defaults()::mask, clock)) {
            runAgent(log, "say hi");
        }

        List<JsonNode> lines = lines(file);
        assertThat(lines).extracting(l -> l.path("type").asText()).containsExactly("run_started", "perceived",
                "model_called", "tool_started", "tool_finished", "perceived", "model_called", "completed");
        for (JsonNode line : lines) {
            Set<String> fields = new TreeSet<>();
            line.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(line.path("type").asText()).isEqualTo(new TreeSet<>(SCHEMA.get(line.path("type").asText())));
            assertThat(line.path("v").asInt()).isEqualTo(EventLog.SCHEMA_VERSION);
            assertThat(line.path("ts").asText()).isEqualTo("2026-01-02T03:04:05Z");
            assertThat(line.path("agent").asText()).isEqualTo("helper");
        }
        assertThat(lines.get(4).path("call").path("arguments").asText()).isEqualTo("{\"text\":\"hi\"}");
        assertThat(lines.get(4).path("outcome").asText()).isEqualTo("ok");
        assertThat(lines.get(7).path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void masksSecretsAlwaysAndPersonalDataWhenAsked() throws Exception {
        Path secrets = dir.resolve("secrets.jsonl");
        try (EventLog log = EventLog.to(secrets)) {
            runAgent(log, "my key is sk-abcdefghijklmnopqrstuvwx1234 and my mail ann@example.com");
        }
        Path pii = dir.resolve("pii.jsonl");
        SecretMasker masker = SecretMasker.defaults();
        PiiRedactor redactor = PiiRedactor.mask();
        try (EventLog log = EventLog.to(pii, text -> redactor.redact(masker.mask(text)))) {
            runAgent(log, "my key is sk-abcdefghijklmnopqrstuvwx1234 and my mail ann@example.com");
        }

        assertThat(Files.readString(secrets)).doesNotContain("sk-abcdefghijklmnopqrstuvwx1234").contains("ann@example.com");
        assertThat(Files.readString(pii)).doesNotContain("sk-abcdefghijklmnopqrstuvwx1234").doesNotContain("ann@example.com");
    }

    @Test
    void aPageOfALineThatIsNoEventNamesTheLine() {
        assertThatThrownBy(() -> TracePage.render("x", List.of("{\"v\":1,\"ts\":\"2026-01-02T03:04:05Z\",\"type\":\"x\"}",
                "not json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2 is not JSON");
        assertThatThrownBy(() -> TracePage.render("x", List.of("{\"v\":99}")))
                .hasMessageContaining("line 1 is not a Praxis event of schema version 1..1");
    }
}
