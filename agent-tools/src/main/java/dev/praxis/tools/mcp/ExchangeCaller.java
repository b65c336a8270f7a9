package dev.praxis.tools.mcp;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.praxis.tool.ToolCaller;
import dev.praxis.tool.ToolException;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MCP client of one {@code tools/call}, as the {@link ToolCaller} the tool sees: log lines
 * and progress become notifications on the call's stream, sampling and elicitation become
 * requests to the client (refused with a {@link ToolException} when the client did not declare
 * the capability).
 */
final class ExchangeCaller implements ToolCaller {

    private static final int DEFAULT_MAX_TOKENS = 1000;

    private final McpSyncServerExchange exchange;
    private final Object progressToken;
    private final String logger;

    ExchangeCaller(McpSyncServerExchange exchange, Object progressToken, String logger) {
        this.exchange = exchange;
        this.progressToken = progressToken;
        this.logger = logger;
    }

    @Override
    public void log(Level level, String message) {
        exchange.loggingNotification(new McpSchema.LoggingMessageNotification(
                McpSchema.LoggingLevel.valueOf(level.name()), logger, message));
    }

    @Override
    public void progress(double done, double total, String message) {
        if (progressToken != null) {
            exchange.progressNotification(new McpSchema.ProgressNotification(progressToken, done,
                    Double.isNaN(total) ? null : total, message));
        }
    }

    @Override
    public ChatResponse sample(ChatRequest request) {
        McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
        if (capabilities == null || capabilities.sampling() == null) {
            throw new ToolException("the MCP client does not offer sampling");
        }
        String system = null;
        List<McpSchema.SamplingMessage> messages = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            if (message instanceof SystemMessage s) {
                system = s.text();
            } else if (message instanceof UserMessage user) {
                for (Content part : user.contents()) {
                    messages.add(new McpSchema.SamplingMessage(McpSchema.Role.USER, McpContents.toMcp(part)));
                }
            } else if (message instanceof AiMessage ai && ai.text() != null) {
                messages.add(new McpSchema.SamplingMessage(McpSchema.Role.ASSISTANT,
                        new McpSchema.TextContent(ai.text())));
            }
        }
        Integer max = request.parameters() == null ? null : request.parameters().maxOutputTokens();
        McpSchema.CreateMessageRequest ask = McpSchema.CreateMessageRequest.builder(messages,
                max == null ? DEFAULT_MAX_TOKENS : max).systemPrompt(system).build();
        McpSchema.CreateMessageResult result;
        try {
            result = exchange.createMessage(ask);
        } catch (RuntimeException e) {
            throw new ToolException("the MCP client's model did not answer: " + e.getMessage(), true);
        }
        String text = result.content() instanceof McpSchema.TextContent t ? t.text()
                : "[" + result.content().type() + " content]";
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).modelName(result.model())
                .finishReason(result.stopReason() == McpSchema.CreateMessageResult.StopReason.MAX_TOKENS
                        ? FinishReason.LENGTH : FinishReason.STOP).build();
    }

    @Override
    public Elicitation elicit(String message, Map<String, Object> requestedSchema) {
        McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
        if (capabilities == null || capabilities.elicitation() == null) {
            throw new ToolException("the MCP client cannot ask its user (no elicitation capability)");
        }
        McpSchema.ElicitResult result;
        try {
            result = exchange.createElicitation(McpSchema.ElicitRequest.builder(message, requestedSchema).build());
        } catch (RuntimeException e) {
            throw new ToolException("the MCP client could not ask its user: " + e.getMessage(), true);
        }
        return switch (result.action()) {
            case ACCEPT -> new Elicitation.Accepted(result.content() == null ? Map.of() : result.content());
            case DECLINE -> new Elicitation.Declined();
            case CANCEL -> new Elicitation.Cancelled();
        };
    }
}
