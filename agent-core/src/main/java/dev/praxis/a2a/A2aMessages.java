package dev.praxis.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.agent.AgentResult;
import dev.praxis.tool.Delegation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The A2A 0.3 JSON shapes Praxis writes and reads: messages, tasks and JSON-RPC envelopes. */
final class A2aMessages {

    /** JSON-RPC and A2A error codes. */
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    static final int TASK_NOT_FOUND = -32001;
    static final int TASK_NOT_CANCELABLE = -32002;

    /** Message metadata key carrying the delegation chain and its depth limit. */
    static final String DELEGATION = "praxis.delegation";
    /** Task metadata key: why the delegation tree of the served run was stopped. */
    static final String DELEGATION_STOPPED = "praxis.delegationStopped";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern AGENT_NAME = Pattern.compile("[^\\p{Cntrl}]{1,128}");
    private static final int MAX_CHAIN = 256;

    private A2aMessages() {
    }

    /** A text message from {@code role} ("user" or "agent"). */
    static ObjectNode message(String role, String text, String contextId, Optional<String> taskId) {
        ObjectNode message = JSON.objectNode().put("kind", "message").put("messageId", UUID.randomUUID().toString())
                .put("role", role).put("contextId", contextId);
        taskId.ifPresent(id -> message.put("taskId", id));
        message.putArray("parts").addObject().put("kind", "text").put("text", text);
        return message;
    }

    /** Adds {@code delegation} to the message's metadata, unless the message was not delegated. */
    static ObjectNode withDelegation(ObjectNode message, Delegation delegation) {
        if (delegation.depth() > 0 || delegation.maxDepth() != Integer.MAX_VALUE) {
            ObjectNode carried = message.putObject("metadata").putObject(DELEGATION);
            delegation.chain().forEach(carried.putArray("chain")::add);
            if (delegation.maxDepth() != Integer.MAX_VALUE) {
                carried.put("maxDepth", delegation.maxDepth());
            }
        }
        return message;
    }

    /**
     * The delegation a peer sent with {@code message}: {@link Delegation#NONE} without one, or
     * empty when it is malformed (not a list of at most 256 names of 1-128 characters, with an
     * optional positive limit).
     */
    static Optional<Delegation> delegation(JsonNode message) {
        JsonNode carried = message.path("metadata").path(DELEGATION);
        if (carried.isMissingNode()) {
            return Optional.of(Delegation.NONE);
        }
        JsonNode chain = carried.path("chain");
        JsonNode max = carried.path("maxDepth");
        boolean validMax = max.isMissingNode() || max.isIntegralNumber() && max.canConvertToInt() && max.asInt() >= 1;
        if (!chain.isArray() || chain.size() > MAX_CHAIN || !validMax) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(chain.size());
        for (JsonNode name : chain) {
            if (!name.isTextual() || !AGENT_NAME.matcher(name.asText()).matches()) {
                return Optional.empty();
            }
            names.add(name.asText());
        }
        return Optional.of(Delegation.of(names, max.isMissingNode() ? Integer.MAX_VALUE : max.asInt()));
    }

    /** The text of all text parts of {@code message}, joined by newlines; empty if none. */
    static String text(JsonNode message) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : message.path("parts")) {
            if ("text".equals(part.path("kind").asText()) && part.path("text").isTextual()) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    /** The task that reports {@code result} of a run started by {@code request}. */
    static ObjectNode task(String taskId, String contextId, JsonNode request, AgentResult result, Instant at) {
        return task(taskId, contextId, request, result, at, Optional.empty());
    }

    /**
     * The task that reports {@code result} of a run started by {@code request}; when the run's
     * delegation tree was stopped, its metadata says why ({@code praxis.delegationStopped}).
     */
    static ObjectNode task(String taskId, String contextId, JsonNode request, AgentResult result, Instant at,
                           Optional<String> delegationStopped) {
        String state = switch (result.status()) {
            case COMPLETED -> "completed";
            case AWAITING_APPROVAL -> "input-required";
            case CANCELLED -> "canceled";
            case GUARDRAIL_TRIPPED -> "rejected";
            case BUDGET_EXHAUSTED, FAILED, LOOP_DETECTED -> "failed";
        };
        ObjectNode task = JSON.objectNode().put("kind", "task").put("id", taskId).put("contextId", contextId);
        ObjectNode status = task.putObject("status").put("state", state).put("timestamp", at.toString());
        if (result.completed()) {
            ObjectNode artifact = task.putArray("artifacts").addObject()
                    .put("artifactId", UUID.randomUUID().toString()).put("name", "answer");
            artifact.putArray("parts").addObject().put("kind", "text").put("text", result.output());
        } else {
            status.set("message", message("agent", result.status() + ": " + result.reason(), contextId,
                    Optional.of(taskId)));
        }
        task.putArray("history").add(request);
        task.putObject("metadata").put("praxis.status", result.status().name())
                .put("praxis.steps", result.steps().size())
                .put("praxis.inputTokens", result.usage().inputTokens())
                .put("praxis.outputTokens", result.usage().outputTokens());
        delegationStopped.ifPresent(reason -> ((ObjectNode) task.get("metadata")).put(DELEGATION_STOPPED, reason));
        return task;
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = JSON.objectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return response;
    }

    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode response = JSON.objectNode().put("jsonrpc", "2.0");
        response.set("id", id == null ? JSON.nullNode() : id);
        response.putObject("error").put("code", code).put("message", message);
        return response;
    }
}
