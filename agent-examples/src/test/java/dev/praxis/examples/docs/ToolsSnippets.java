package dev.praxis.examples.docs;

import dev.praxis.agent.Agent;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.ToolLimits;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import dev.praxis.tools.files.FileTools;
import dev.praxis.tools.http.HttpTools;
import dev.praxis.tools.http.NetworkPolicy;
import dev.praxis.tools.math.MathTool;
import dev.praxis.tools.mcp.McpClientTools;
import dev.praxis.tools.time.TimeTools;
import dev.praxis.tools.web.WebPageTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/tools.md. The MCP snippet starts an npm server, so it is compiled only (agent-tools tests it). */
class ToolsSnippets {

    /** Whoever approves calls at the terminal. */
    interface Console {
        boolean confirm(String question);
    }

    @TempDir
    Path workspace;

    @Test
    void theOperatorDeclinesAnExternalCall() {
        Console console = question -> false;
        List<Tool> tools = List.of(MathTool.create(), WebPageTool.with(NetworkPolicy.publicOnly()), Tools.of("send_sms", "Sends a text message",
                dev.langchain4j.model.chat.request.json.JsonObjectSchema.builder().build(),
                dev.praxis.tool.SideEffect.EXTERNAL, args -> "sent"));
        LlmClient llm = ScriptedLlm.of(toolCall("send_sms", "{}"), text("I could not send it."));
        // tag::governed[]
        Toolbox toolbox = Toolbox.of(tools)
                .withApproval(ApprovalPolicy.standard(),                 // READ_ONLY, WRITE run; EXTERNAL asks
                        (request, question) -> console.confirm(question)
                                ? ApprovalDecision.allow() : ApprovalDecision.deny("the operator declined"))
                .withLimits(ToolLimits.DEFAULT.withTimeout(Duration.ofSeconds(20)).withMaxResultChars(8_000))
                .withTimeout("web_page", Duration.ofSeconds(45));
        Agent agent = LlmAgent.builder().llm(llm).toolbox(toolbox).build();
        // end::governed[]
        var result = agent.run("Text Bob that I am late");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.steps().get(0).results().get(0).text()).contains("the operator declined");
    }

    @Test
    void trustedQuickToolsRunOnTheRunsThread() {
        LlmClient llm = ScriptedLlm.of(toolCall("calculate", "{\"expression\":\"2+3\"}"), text("5"));
        // tag::inline[]
        Toolbox toolbox = Toolbox.of(MathTool.create(), WebPageTool.with(NetworkPolicy.publicOnly()))
                .withInlineCalls("calculate");                           // pure computation: no hand-off
        Agent agent = LlmAgent.builder().llm(llm).toolbox(toolbox).build();
        // end::inline[]
        var result = agent.run("2+3?");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.steps().get(0).results().get(0).text()).isEqualTo("5");
        assertThat(toolbox.inlineCalls()).containsExactly("calculate");
    }

    @Test
    void anInterceptorLetsSendSmsRunOncePerRun() {
        List<Tool> tools = List.of(Tools.of("send_sms", "Sends a text message",
                dev.langchain4j.model.chat.request.json.JsonObjectSchema.builder().build(),
                dev.praxis.tool.SideEffect.EXTERNAL, args -> "sent"));
        LlmClient llm = ScriptedLlm.of(toolCall("send_sms", "{}"), toolCall("send_sms", "{}"), text("Sent once."));
        // tag::interceptor[]
        Set<String> texted = ConcurrentHashMap.newKeySet();              // runs that sent their text
        ToolInterceptor oncePerRun = chain -> {
            if (!chain.call().name().equals("send_sms") || texted.add(chain.context().runId())) {
                return chain.proceed(chain.call());                      // on to the next link, then the tool
            }
            return new ToolResult.Denied("send_sms runs once per run; tell the user it was sent");
        };
        Agent agent = LlmAgent.builder().llm(llm).tools(tools).toolInterceptor(oncePerRun).build();
        // end::interceptor[]
        var result = agent.run("Text Bob that I am late");

        assertThat(result.steps().get(0).results().get(0).text()).isEqualTo("sent");
        assertThat(result.steps().get(1).results().get(0).text()).contains("runs once per run");
    }

    @Test
    void theLibraryToolsComposeIntoOneToolbox() {
        // tag::library[]
        Toolbox toolbox = Toolbox.of(FileTools.sandboxedAt(workspace))
                .plus(HttpTools.with(NetworkPolicy.publicOnly()))
                .plus(List.of(WebPageTool.with(NetworkPolicy.publicOnly()), MathTool.create()))
                .plus(TimeTools.create());
        // end::library[]

        assertThat(toolbox.tools()).extracting(t -> t.spec().name()).contains("read_file", "write_file", "http_get",
                "http_post", "web_page", "calculate", "time_now");
    }

    void compileOnlyMcp(LlmClient llm) {
        // tag::mcp[]
        try (McpClientTools fs = McpClientTools.stdio("npx", List.of("-y", "@modelcontextprotocol/server-filesystem", "/data"),
                Map.of(), "fs_")) {
            Agent agent = LlmAgent.builder().llm(llm).toolbox(Toolbox.of(fs.tools())).build();
        }
        // end::mcp[]
    }
}
