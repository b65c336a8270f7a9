package dev.praxis.tools.mcp;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.praxis.llm.LlmClient;
import dev.praxis.tool.ToolCaller;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The capabilities an {@link McpClientTools} declares, and the handlers behind them. */
final class ClientHandlers {

    private static final Logger log = LoggerFactory.getLogger(ClientHandlers.class);

    private ClientHandlers() {
    }

    static McpClient.SyncSpec configure(McpClient.SyncSpec spec, LlmClient sampling, McpClientTools.Elicitor elicitor,
                                        List<URI> roots, ClientSession session) {
        McpSchema.ClientCapabilities.Builder capabilities = McpSchema.ClientCapabilities.builder().elicitation();
        spec.elicitation(request -> elicit(request, elicitor, session));
        if (sampling != null) {
            capabilities.sampling();
            spec.sampling(request -> sample(request, sampling));
        }
        if (!roots.isEmpty()) {
            capabilities.roots(false);
            spec.roots(roots.stream().map(uri -> new McpSchema.Root(uri.toString(), name(uri))).toList());
        }
        return spec.capabilities(capabilities.build())
                .loggingConsumer(notice -> {
                    log.debug("[mcp server log {}] {}", notice.level(), notice.data());
                    session.log(notice);
                })
                .progressConsumer(session::progress);
    }

    private static McpSchema.ElicitResult elicit(McpSchema.ElicitFormRequest request, McpClientTools.Elicitor elicitor,
                                                 ClientSession session) {
        ToolCaller.Elicitation answer;
        try {
            answer = elicitor != null ? elicitor.answer(request.message(), request.requestedSchema())
                    : session.soleCaller().orElseThrow(() -> new IllegalStateException("this client has no one to ask"
                            + " (no elicitation handler, and not exactly one call in flight whose caller could answer)"))
                    .elicit(request.message(), request.requestedSchema());
        } catch (RuntimeException e) {
            session.elicitationFailed();
            throw e;
        }
        if (answer instanceof ToolCaller.Elicitation.Accepted accepted) {
            return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, accepted.content());
        }
        return new McpSchema.ElicitResult(answer instanceof ToolCaller.Elicitation.Declined
                ? McpSchema.ElicitResult.Action.DECLINE : McpSchema.ElicitResult.Action.CANCEL, null);
    }

    private static McpSchema.CreateMessageResult sample(McpSchema.CreateMessageRequest request, LlmClient llm) {
        List<ChatMessage> messages = new ArrayList<>();
        if (request.systemPrompt() != null) {
            messages.add(SystemMessage.from(request.systemPrompt()));
        }
        for (McpSchema.SamplingMessage message : request.messages()) {
            if (message.role() == McpSchema.Role.ASSISTANT) {
                messages.add(AiMessage.from(message.content() instanceof McpSchema.TextContent t ? t.text()
                        : "[" + message.content().type() + " content]"));
            } else {
                messages.add(UserMessage.from(McpContents.fromMcp(message.content())));
            }
        }
        ChatRequest.Builder chat = ChatRequest.builder().messages(messages).maxOutputTokens(request.maxTokens());
        if (request.temperature() != null) {
            chat.temperature(request.temperature());
        }
        ChatResponse response = llm.chat(chat.build());
        String text = response.aiMessage().text() == null ? "" : response.aiMessage().text();
        return new McpSchema.CreateMessageResult(McpSchema.Role.ASSISTANT, new McpSchema.TextContent(text),
                response.modelName() == null ? "praxis" : response.modelName(),
                response.finishReason() == FinishReason.LENGTH ? McpSchema.CreateMessageResult.StopReason.MAX_TOKENS
                        : McpSchema.CreateMessageResult.StopReason.END_TURN);
    }

    private static String name(URI uri) {
        String path = uri.getPath() == null ? uri.toString() : uri.getPath();
        int slash = path.lastIndexOf('/', path.length() - 2);
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
