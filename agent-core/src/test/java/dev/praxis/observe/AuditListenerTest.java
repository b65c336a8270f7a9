package dev.praxis.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.guard.AuditLog;
import dev.praxis.guard.PiiRedactor;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

class AuditListenerTest {

    @TempDir
    Path dir;

    private static final Tool FETCH = TestTools.named("fetch").returns("page body for jane@example.com");
    private static final Tool PAY = TestTools.named("pay").sideEffect(SideEffect.EXTERNAL).fails("insufficient funds");

    @Test
    void recordsModelCallsToolOutcomesAndTheEndInAVerifiableChain() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        var llm = ScriptedLlm.of(
                toolCalls(call("fetch", "{\"url\":\"https://x.test\",\"api_key\":\"sk-proj-abcdefghijklmnopqrstuvwx\"}"),
                        call("pay", "{\"amount\":5}")),
                text("done, mail jane@example.com").withUsage(10, 3));
        AgentResult result;
        try (AuditLog audit = AuditLog.open(file)) {
            result = LlmAgent.builder().llm(llm).tools(FETCH, PAY)
                    .listener(AuditListener.to(audit).redacting(PiiRedactor.mask()::redact))
                    .build().run("pay Jane, password=hunter22");
        }

        List<JsonNode> lines = AuditLog.read(file);
        assertThat(lines).extracting(n -> n.get("type").asText())
                .containsExactly("run_started", "model_call", "tool_call", "tool_call", "model_call", "run_ended");
        assertThat(lines).allSatisfy(n -> assertThat(n.at("/data/run").asText()).isEqualTo(result.runId()));
        assertThat(lines.get(0).at("/data/input").asText()).isEqualTo("pay Jane, password=[SECRET]");
        JsonNode fetch = lines.get(2).get("data");
        assertThat(fetch.get("outcome").asText()).isEqualTo("ok");
        assertThat(fetch.get("result_chars").asInt()).isEqualTo("page body for jane@example.com".length());
        assertThat(fetch.has("result")).isFalse();
        assertThat(lines.get(3).at("/data/outcome").asText()).isEqualTo("failed");
        assertThat(lines.get(3).at("/data/reason").asText()).contains("insufficient funds");
        assertThat(lines.get(4).at("/data/text").asText()).isEqualTo("done, mail [EMAIL]");
        assertThat(lines.get(5).at("/data/status").asText()).isEqualTo(Status.COMPLETED.name());
        assertThat(lines.get(5).at("/data/input_tokens").asLong()).isEqualTo(10);
        String raw = Files.readString(file);
        assertThat(raw).doesNotContain("hunter22", "sk-proj-abc", "jane@example.com");
        assertThat(AuditLog.verify(file).intact()).isTrue();
    }

    @Test
    void recordsToolContentOnlyWhenAsked() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        var llm = ScriptedLlm.of(toolCalls(call("fetch", "{}")), text("ok"));
        try (AuditLog audit = AuditLog.open(file)) {
            LlmAgent.builder().llm(llm).tools(FETCH).listener(AuditListener.to(audit).withToolContent()).build().run("go");
        }

        assertThat(AuditLog.read(file).get(2).at("/data/result").asText()).isEqualTo("page body for jane@example.com");
    }

    @Test
    void namesOutcomeTypes() {
        assertThat(AuditListener.outcome(ToolResult.ok("x"))).isEqualTo("ok");
        assertThat(AuditListener.outcome(new ToolResult.Denied("no"))).isEqualTo("denied");
    }

    @Test
    void aFailingAuditWriteFailsTheRun() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLog audit = AuditLog.open(file);
        audit.close();

        AgentResult result = LlmAgent.builder().llm(ScriptedLlm.of(text("hi"))).listener(AuditListener.to(audit))
                .build().run("hello");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).contains("cannot append to audit log");
    }
}
