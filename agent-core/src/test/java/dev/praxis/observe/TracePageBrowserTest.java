package dev.praxis.observe;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.guard.GuardDecision;
import dev.praxis.guard.GuardPoint;
import dev.praxis.guard.Guardrail;
import dev.praxis.llm.LlmException;
import dev.praxis.llm.Retry;
import dev.praxis.team.Member;
import dev.praxis.team.Sequence;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.praxis.testing.ScriptedLlm.failure;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace page of real runs (a team of two agents with tool calls, a retried model call, an
 * approval and a guardrail trip), loaded in a real headless Chromium. The screenshot stays in
 * {@code target/trace-page/}.
 */
class TracePageBrowserTest {

    private static final Path OUT = Path.of("target", "trace-page");
    private static String chromium;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findChromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    chromium = Path.of(dir, name).toString();
                    return;
                }
            }
        }
        String reason = "chromium is not installed (apt-get install -y chromium; .ci/run installs it)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(reason);
        }
        Assumptions.abort(reason);
    }

    @Test
    void showsLanesStepsToolsRetriesApprovalsGuardrailsAndTheTeamGraphInABrowser() throws Exception {
        Path log = tmp.resolve("run.jsonl");
        try (EventLog events = EventLog.to(log)) {
            var tool = TestTools.named("lookup").stringParameter("word").returns("<b>found</b> it");
            LlmAgent researcher = LlmAgent.builder().name("researcher").tools(tool).listener(events)
                    .llm(ScriptedLlm.of(failure(new LlmException("HTTP 503 overloaded", null, true)),
                            toolCall("lookup", "{\"word\":\"praxis\"}"), text("Praxis means practice."))
                            .with(events.attempts()).with(Retry.upTo(2).timing(d -> { }, () -> 0.5)))
                    .build();
            LlmAgent writer = LlmAgent.builder().name("writer").listener(events)
                    .llm(ScriptedLlm.of(text("A short note about practice, key sk-abcdefghijklmnopqrstuvwx1234")))
                    .build();
            var team = Sequence.of("briefing", Member.of("researcher", researcher), Member.of("writer", writer));
            events.team(team);
            assertThat(team.run(AgentRequest.of("Write about praxis")).status()).isEqualTo(Status.COMPLETED);

            var pay = TestTools.named("pay").sideEffect(SideEffect.EXTERNAL).returns("paid");
            LlmAgent cashier = LlmAgent.builder().name("cashier").listener(events)
                    .toolbox(Toolbox.of(pay).withApproval(ApprovalPolicy.standard(),
                            (request, question) -> ApprovalDecision.deny("nobody approved")))
                    .llm(ScriptedLlm.of(toolCall("pay", "{}"), text("I could not pay.")))
                    .build();
            cashier.run("pay the bill");
            Guardrail noPoems = (text, context) -> text.contains("poem") ? GuardDecision.trip("no poems here")
                    : GuardDecision.pass();
            LlmAgent poet = LlmAgent.builder().name("poet").listener(events).guardrails(noPoems.at(GuardPoint.INPUT))
                    .llm(ScriptedLlm.of()).build();
            assertThat(poet.run("write a poem").status()).isEqualTo(Status.GUARDRAIL_TRIPPED);
        }
        assertThat(Files.readString(log)).doesNotContain("sk-abcdefghijklmnopqrstuvwx1234");

        Files.createDirectories(OUT);
        Path page = OUT.resolve("trace.html").toAbsolutePath();
        Files.writeString(page, TracePage.render(log));

        String dom = chromium("--dump-dom", page.toUri().toString());
        assertThat(dom).contains("id=\"summary\"").contains("id=\"timeline\"").contains("id=\"team-graph\"")
                .contains("data-agent=\"researcher\"").contains("data-agent=\"writer\"")
                .contains("data-agent=\"cashier\"").contains("data-agent=\"poet\"")
                .contains("data-member=\"researcher\"").contains("data-member=\"writer\"")
                .contains("class=\"span model\"").contains("class=\"span tool\"").contains("class=\"span retry\"")
                .contains("class=\"span approval\"").contains("class=\"span guardrail\"")
                .contains("lookup {&quot;word&quot;:&quot;praxis&quot;}").contains("&lt;b&gt;found&lt;/b&gt; it")
                .contains("HTTP 503 overloaded").contains("nobody approved").contains("no poems here")
                .doesNotContain("<b>found</b>");
        assertThat(dom.split("class=\"edge ", -1)).hasSizeGreaterThan(1);

        Path shot = OUT.resolve("trace.png").toAbsolutePath();
        chromium("--screenshot=" + shot, "--window-size=1280,1600", page.toUri().toString());
        assertThat(shot).exists();
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + tmp.resolve("profile")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(tmp.resolve("chromium.err").toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).as("chromium exit; stderr in " + tmp.resolve("chromium.err")).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
