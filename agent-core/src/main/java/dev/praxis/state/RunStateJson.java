package dev.praxis.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.content.Parts;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON form of a {@link RunState} (format 1). Messages use LangChain4j's own message JSON.
 * Reading rejects anything malformed with a {@link CheckpointException} that names the field,
 * rather than resuming a run from a half-understood state.
 */
final class RunStateJson {

    /** The format this class writes; reading refuses other formats. */
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunStateJson() {
    }

    /** {@code state} as JSON text. */
    static String write(RunState state) {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("runId", state.runId())
                .put("agent", state.agent()).put("phase", state.phase().name()).put("outcome", state.outcome())
                .put("reason", state.reason()).put("input", state.input());
        state.scope().ifPresent(s -> root.putObject("scope").put("tenant", s.tenant()).put("user", s.user())
                .put("agent", s.agent()).put("session", s.session()));
        state.owner().ifPresent(o -> root.putObject("owner").put("tenant", o.tenant()).put("user", o.user()));
        root.set("history", messages(state.history()));
        root.set("transcript", messages(state.transcript()));
        root.put("remembered", state.remembered());
        ArrayNode steps = root.putArray("steps");
        for (StepRecord step : state.steps()) {
            ObjectNode node = steps.addObject().put("index", step.index()).put("millis", step.millis());
            node.set("response", message(step.response()));
            node.set("calls", calls(step.calls()));
            ArrayNode results = node.putArray("results");
            step.results().forEach(r -> results.add(result(r)));
            node.set("usage", tokens(step.usage()));
        }
        root.set("usage", tokens(state.usage()));
        root.put("elapsed", state.elapsed());
        root.putObject("limits").put("maxSteps", state.limits().maxSteps()).put("maxTokens", state.limits().maxTokens())
                .put("maxTimeMillis", state.limits().maxTimeMillis())
                .put("maxCost", state.limits().maxCost().toPlainString())
                .put("maxToolCalls", state.limits().maxToolCalls());
        state.pending().ifPresent(p -> {
            ObjectNode node = root.putObject("pending").put("step", p.step()).put("millis", p.millis());
            node.set("response", message(p.response()));
            node.set("usage", tokens(p.usage()));
        });
        ArrayNode calls = root.putArray("calls");
        for (CallRecord c : state.calls()) {
            ObjectNode node = calls.addObject().put("key", c.key()).put("step", c.step()).put("status", c.status().name());
            node.set("call", call(c.call()));
            c.result().ifPresent(r -> node.set("result", result(r)));
        }
        ArrayNode approvals = root.putArray("approvals");
        for (PendingApproval a : state.approvals()) {
            ObjectNode node = approvals.addObject().put("key", a.key()).put("step", a.step()).put("question", a.question())
                    .put("requestedAt", a.requestedAt().toString()).put("expiresAt", a.expiresAt().toString());
            node.set("call", call(a.call()));
        }
        ObjectNode extensions = root.putObject("extensions");
        state.extensions().forEach(extensions::set);
        root.put("version", state.version()).put("updatedAt", state.updatedAt().toString());
        return root.toString();
    }

    /**
     * The state in {@code json}.
     *
     * @throws CheckpointException if the text is not a run state of format {@value #FORMAT}
     */
    static RunState read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CheckpointException("run state is not valid JSON: " + e.getOriginalMessage(), e, false);
        }
        if (root == null || root.path("format").asInt(-1) != FORMAT) {
            throw new CheckpointException("run state has format " + (root == null ? "none" : root.path("format"))
                    + "; this version reads format " + FORMAT);
        }
        try {
            return readState(root);
        } catch (RuntimeException e) {
            throw new CheckpointException("run state " + root.path("runId").asText("?") + " is malformed: "
                    + e.getMessage(), e, false);
        }
    }

    /**
     * The owner recorded in the state {@code json} (its {@code owner}, else its session's tenant and
     * user, as states written before owners were recorded have only the session), without reading
     * the rest: what stores index for {@link CheckpointStore#forget}.
     *
     * @throws CheckpointException if the text is not JSON or its owner or scope is malformed
     */
    static Optional<Owner> owner(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode owner = root == null ? null : root.has("owner") ? root.get("owner") : root.get("scope");
            return owner == null || owner.isNull() ? Optional.empty()
                    : Optional.of(new Owner(text(owner, "tenant"), text(owner, "user")));
        } catch (JsonProcessingException e) {
            throw new CheckpointException("run state is not valid JSON: " + e.getOriginalMessage(), e, false);
        } catch (RuntimeException e) {
            throw new CheckpointException("run state has a malformed owner: " + e.getMessage(), e, false);
        }
    }

    private static RunState readState(JsonNode root) {
        JsonNode scope = root.path("scope");
        Optional<MemoryScope> memoryScope = scope.isObject()
                ? Optional.of(new MemoryScope(text(scope, "tenant"), text(scope, "user"), text(scope, "agent"),
                        text(scope, "session")))
                : Optional.empty();
        JsonNode owner = root.path("owner");
        Optional<Owner> runOwner = owner.isObject()
                ? Optional.of(new Owner(text(owner, "tenant"), text(owner, "user")))
                : Optional.empty();
        List<StepRecord> steps = list(field(root, "steps"), s -> new StepRecord(s.path("index").asInt(),
                (AiMessage) message(field(s, "response")), list(field(s, "calls"), RunStateJson::call),
                list(field(s, "results"), RunStateJson::result), tokens(field(s, "usage")), s.path("millis").asLong()));
        JsonNode p = root.path("pending");
        Optional<RunState.PendingTurn> pending = p.isObject()
                ? Optional.of(new RunState.PendingTurn(p.path("step").asInt(), (AiMessage) message(field(p, "response")),
                        tokens(field(p, "usage")), p.path("millis").asLong()))
                : Optional.empty();
        List<CallRecord> calls = list(field(root, "calls"), c -> new CallRecord(text(c, "key"), c.path("step").asInt(),
                call(field(c, "call")), CallRecord.CallStatus.valueOf(text(c, "status")),
                c.has("result") ? Optional.of(result(c.get("result"))) : Optional.empty()));
        List<PendingApproval> approvals = list(field(root, "approvals"), a -> new PendingApproval(text(a, "key"),
                a.path("step").asInt(), call(field(a, "call")), text(a, "question"),
                Instant.parse(text(a, "requestedAt")), Instant.parse(text(a, "expiresAt"))));
        Map<String, JsonNode> extensions = new LinkedHashMap<>();
        field(root, "extensions").fields().forEachRemaining(e -> extensions.put(e.getKey(), e.getValue()));
        JsonNode limits = field(root, "limits");
        List<ChatMessage> transcript = messages(field(root, "transcript"));
        // states written before the field existed had every message written to memory already
        int remembered = root.has("remembered") ? root.get("remembered").asInt() : transcript.size();
        return new RunState(text(root, "runId"), text(root, "agent"), RunState.Phase.valueOf(text(root, "phase")),
                text(root, "outcome"), text(root, "reason"), text(root, "input"), memoryScope, runOwner,
                messages(field(root, "history")), transcript, remembered, steps,
                tokens(field(root, "usage")), root.path("elapsed").asLong(),
                new RunState.Limits(limits.path("maxSteps").asInt(), limits.path("maxTokens").asLong(),
                        limits.path("maxTimeMillis").asLong(), money(limits, "maxCost", RunState.Limits.NO_COST_LIMIT),
                        limits.path("maxToolCalls").asInt(Integer.MAX_VALUE)),
                pending, calls, approvals, extensions, root.path("version").asLong(),
                Instant.parse(text(root, "updatedAt")));
    }

    private static JsonNode messages(List<ChatMessage> messages) {
        return readTree(ChatMessageSerializer.messagesToJson(messages));
    }

    private static List<ChatMessage> messages(JsonNode node) {
        return ChatMessageDeserializer.messagesFromJson(node.toString());
    }

    private static JsonNode message(ChatMessage message) {
        return readTree(ChatMessageSerializer.messageToJson(message));
    }

    private static ChatMessage message(JsonNode node) {
        return ChatMessageDeserializer.messageFromJson(node.toString());
    }

    private static List<Content> attachments(JsonNode parts) {
        if (parts.isMissingNode() || parts.isEmpty()) {
            return List.of();
        }
        ObjectNode wrapped = JSON.createObjectNode().put("type", "USER");
        wrapped.set("contents", parts);
        return ((UserMessage) message(wrapped)).contents();
    }

    private static JsonNode call(ToolCall call) {
        return JSON.createObjectNode().put("id", call.id()).put("name", call.name()).put("arguments", call.arguments());
    }

    private static ToolCall call(JsonNode node) {
        return new ToolCall(text(node, "id"), text(node, "name"), text(node, "arguments"));
    }

    private static ArrayNode calls(List<ToolCall> calls) {
        ArrayNode array = JSON.createArrayNode();
        calls.forEach(c -> array.add(call(c)));
        return array;
    }

    /** A tool result as JSON; kinds this format does not know are kept as their text, as a failure. */
    static JsonNode result(ToolResult result) {
        ObjectNode node = JSON.createObjectNode();
        if (result instanceof ToolResult.Ok ok) {
            node.put("type", "ok").put("content", ok.content());
            if (!ok.attachments().isEmpty()) {
                // the parts as the model saw them, in LangChain4j's own JSON for message contents
                node.set("attachments", message(UserMessage.from(ok.attachments().stream().map(Parts::forModel).toList()))
                        .path("contents"));
            }
            return node;
        }
        if (result instanceof ToolResult.Failed failed) {
            return node.put("type", "failed").put("error", failed.error()).put("retriable", failed.retriable());
        }
        if (result instanceof ToolResult.Denied denied) {
            return node.put("type", "denied").put("reason", denied.reason());
        }
        if (result instanceof ToolResult.AwaitingApproval awaiting) {
            return node.put("type", "awaiting").put("question", awaiting.question())
                    .put("key", awaiting.idempotencyKey());
        }
        return node.put("type", "other").put("text", result.text());
    }

    static ToolResult result(JsonNode node) {
        return switch (text(node, "type")) {
            case "ok" -> new ToolResult.Ok(text(node, "content"), attachments(node.path("attachments")));
            case "failed" -> new ToolResult.Failed(text(node, "error"), node.path("retriable").asBoolean());
            case "denied" -> new ToolResult.Denied(text(node, "reason"));
            case "awaiting" -> new ToolResult.AwaitingApproval(text(node, "question"), text(node, "key"));
            case "other" -> new ToolResult.Failed(text(node, "text"), false);
            default -> throw new IllegalArgumentException("unknown tool result type '" + node.path("type").asText() + "'");
        };
    }

    private static JsonNode tokens(RunState.Tokens tokens) {
        return JSON.createObjectNode().put("input", tokens.input()).put("output", tokens.output())
                .put("cost", tokens.cost().toPlainString());
    }

    private static RunState.Tokens tokens(JsonNode node) {
        return new RunState.Tokens(node.path("input").asLong(), node.path("output").asLong(),
                money(node, "cost", BigDecimal.ZERO));
    }

    /** An amount written as a decimal string (exact, unlike a JSON number); states written before costs were kept have none. */
    private static BigDecimal money(JsonNode node, String name, BigDecimal absent) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' must be a decimal string");
        }
        try {
            return new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + name + "' is not a decimal: '" + value.asText() + "'");
        }
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> element) {
        List<T> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(element.apply(n)));
        return out;
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' must be a string");
        }
        return value.asText();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("LangChain4j wrote invalid message JSON", e);
        }
    }
}
