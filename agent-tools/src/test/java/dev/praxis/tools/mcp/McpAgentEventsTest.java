package dev.praxis.tools.mcp;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalHandler;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolCaller;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent using a remote MCP tool: the server's log lines and progress during the call become
 * the agent's events, and its question for the user goes the approval path, failing closed.
 */
class McpAgentEventsTest {

    /** Logs, reports progress and asks the user to confirm, as a server-side tool. */
    static final class Survey implements Tool {
        @Override
        public ToolSpecification spec() {
            return ToolSpecification.builder().name("survey").description("Surveys the site").build();
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            ToolCaller client = context.caller();
            client.log(ToolCaller.Level.INFO, "reading the site plan");
            client.progress(1, 2, "plan read");
            ToolCaller.Elicitation answer = client.elicit("Survey the north wing too?", Map.of("type", "object",
                    "properties", Map.of("northWing", Map.of("type", "boolean", "default", true)),
                    "required", List.of("northWing")));
            client.progress(2, 2, null);
            return ToolResult.ok("surveyed; the user answered " + answer);
        }
    }

    private static AgentResult run(McpClientTools remote, ApprovalHandler approver, List<AgentEvent> events) {
        Toolbox toolbox = Toolbox.of(remote.tools()).withApproval(ApprovalPolicy.ALLOW_ALL, approver);
        return LlmAgent.builder().llm(ScriptedLlm.of(toolCall("survey", "{}"), text("Done."))).toolbox(toolbox)
                .listener(events::add).build().run("Survey the site.");
    }

    @Test
    void theServersLogAndProgressBecomeEventsAndItsQuestionGoesToTheApprover() {
        List<AgentEvent> events = new CopyOnWriteArrayList<>();
        List<String> asked = new CopyOnWriteArrayList<>();
        try (McpHttpEndpoint endpoint = McpToolServer.of(Toolbox.of(new Survey()), "site", "1").serveHttp(0);
             McpClientTools remote = McpClientTools.http(endpoint.url())) {
            AgentResult result = run(remote, (request, question) -> {
                asked.add(request.call().name() + ": " + question);
                return ApprovalDecision.allow();
            }, events);

            assertThat(asked).containsExactly("survey: The tool survey asks: Survey the north wing too?");
            assertThat(result.steps().get(0).results().get(0).text())
                    .isEqualTo("surveyed; the user answered Accepted[content={northWing=true}]");
        }
        assertThat(events).filteredOn(AgentEvent.ToolLog.class::isInstance).singleElement()
                .satisfies(e -> {
                    AgentEvent.ToolLog log = (AgentEvent.ToolLog) e;
                    assertThat(log.call().name()).isEqualTo("survey");
                    assertThat(log.level()).isEqualTo(ToolCaller.Level.INFO);
                    assertThat(log.message()).endsWith("reading the site plan");
                });
        assertThat(events).filteredOn(AgentEvent.ToolProgress.class::isInstance)
                .extracting(e -> ((AgentEvent.ToolProgress) e).done()).containsExactly(1.0, 2.0);
        int started = indexOf(events, AgentEvent.ToolStarted.class);
        int finished = indexOf(events, AgentEvent.ToolFinished.class);
        assertThat(indexOf(events, AgentEvent.ToolLog.class)).isBetween(started, finished);
    }

    @Test
    void withoutAnApproverTheQuestionIsRefusedAndTheCallFails() {
        try (McpHttpEndpoint endpoint = McpToolServer.of(Toolbox.of(new Survey()), "site", "1").serveHttp(0);
             McpClientTools remote = McpClientTools.http(endpoint.url())) {
            AgentResult result = run(remote, ApprovalHandler.NOBODY, new CopyOnWriteArrayList<>());

            assertThat(result.steps().get(0).results().get(0)).isInstanceOf(ToolResult.Failed.class);
            assertThat(result.steps().get(0).results().get(0).text())
                    .contains("the server asked for user input during the call and none could be given");
        }
    }

    private static int indexOf(List<AgentEvent> events, Class<? extends AgentEvent> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + events);
    }
}
