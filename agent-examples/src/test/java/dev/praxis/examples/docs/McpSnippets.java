package dev.praxis.examples.docs;

import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.llm.LlmClient;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolCaller;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import dev.praxis.tools.math.MathTool;
import dev.praxis.tools.mcp.McpAuth;
import dev.praxis.tools.mcp.McpClientTools;
import dev.praxis.tools.mcp.McpHttpEndpoint;
import dev.praxis.tools.mcp.McpPrompt;
import dev.praxis.tools.mcp.McpResource;
import dev.praxis.tools.mcp.McpToolServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/mcp.md: a Praxis server and a Praxis client talking to each other over loopback. */
class McpSnippets {

    /** A tool that talks back to whoever called it. */
    static final class Summarizer implements Tool {
        @Override
        public dev.langchain4j.agent.tool.ToolSpecification spec() {
            return dev.langchain4j.agent.tool.ToolSpecification.builder().name("summarize")
                    .description("Summarizes a text").parameters(JsonObjectSchema.builder()
                            .addStringProperty("text").required("text").build()).build();
        }

        @Override
        public SideEffect sideEffect() {
            return SideEffect.READ_ONLY;
        }

        // tag::caller[]
        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            ToolCaller caller = context.caller();              // the MCP client, over MCP
            caller.log(ToolCaller.Level.INFO, "summarizing");
            caller.progress(0, 1, "asking the client's model");
            String summary = caller.sample(ChatRequest.builder()
                    .messages(UserMessage.from("Summarize in one line: " + call.arguments())).build())
                    .aiMessage().text();
            caller.progress(1, 1, null);
            return ToolResult.ok(summary);
        }
        // end::caller[]
    }

    @Test
    void aPraxisClientUsesAPraxisServer() {
        LlmClient llm = ScriptedLlm.of(ScriptedLlm.text("A short summary."));
        // tag::server[]
        McpToolServer server = McpToolServer.of(Toolbox.of(MathTool.create(), new Summarizer()), "desk", "1.0")
                .withResources(
                        McpResource.text("docs://handbook", "Handbook", "text/markdown", () -> "# Handbook\n..."),
                        McpResource.template("orders://{id}", "An order", "application/json",
                                vars -> "{\"id\":\"" + vars.get("id") + "\"}"))
                .withPrompts(McpPrompt.of("review", "Reviews a text",
                        List.of(McpPrompt.Argument.required("topic", "What to review")
                                .completedBy(typed -> List.of("style", "security"))),
                        args -> List.of(TextContent.from("Review this for " + args.get("topic") + "."))));
        try (McpHttpEndpoint endpoint = server.serveHttp(0)) {       // http://127.0.0.1:<port>/mcp
            // end::server[]
            // tag::client[]
            try (McpClientTools desk = McpClientTools.builder()
                    .http(endpoint.url())
                    .auth(McpAuth.NONE)                                 // or bearer(...), clientCredentials(...)
                    .sampling(llm)                                      // the server's tools may ask our model
                    .elicitation((message, schema) -> new ToolCaller.Elicitation.Declined())
                    .roots(List.of(URI.create("file:///srv/work")))
                    .connect()) {
                Toolbox tools = Toolbox.of(desk.tools());               // tools for an agent
                String handbook = desk.read("docs://handbook").get(0).text();   // resources as documents
                var review = desk.prompt("review", Map.of("topic", "style"));   // prompts as content parts
                // end::client[]
                assertThat(tools.execute(new ToolCall("1", "summarize", "{\"text\":\"long\"}"), ToolContext.NONE)
                        .text()).isEqualTo("A short summary.");
                assertThat(handbook).startsWith("# Handbook");
                assertThat(review).containsExactly(TextContent.from("Review this for style."));
            }
        }
    }
}
