package dev.praxis.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

/**
 * The {@code ask_human} tool: the model asks a person a clarifying question. The run pauses
 * like a call awaiting approval ({@code AWAITING_APPROVAL}, no thread blocked) and continues
 * when the answer comes: {@code agent.resume(runId, ApprovalDecision.answer("..."))}.
 */
public final class AskHuman implements Tool {

    /** The tool's name. */
    public static final String NAME = "ask_human";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolSpecification SPEC = ToolSpecification.builder()
            .name(NAME)
            .description("Ask the user a clarifying question when you cannot go on without their answer")
            .parameters(JsonObjectSchema.builder().addStringProperty("question", "The question, self-contained")
                    .required("question").build())
            .build();

    @Override
    public ToolSpecification spec() {
        return SPEC;
    }

    @Override
    public SideEffect sideEffect() {
        return SideEffect.READ_ONLY;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        try {
            JsonNode question = JSON.readTree(call.arguments()).path("question");
            if (!question.isTextual() || question.asText().isBlank()) {
                return ToolResult.failed("argument 'question' must be a non-empty string");
            }
            return new ToolResult.AwaitingApproval(question.asText(), context.idempotencyKey());
        } catch (JsonProcessingException e) {
            return ToolResult.failed("arguments are not valid JSON: " + e.getOriginalMessage());
        }
    }
}
