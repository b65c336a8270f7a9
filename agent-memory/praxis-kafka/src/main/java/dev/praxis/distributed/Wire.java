package dev.praxis.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.agent.Budget;
import dev.praxis.memory.MemoryScope;
import dev.praxis.state.Decision;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The JSON of the records on the four topics (format 1). Commands are read field by field so a
 * bad record fails with a message naming the field; outcomes, events and dead letters are
 * written by workers and bound as records.
 */
final class Wire {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int FORMAT = 1;

    private Wire() {
    }

    static byte[] start(String runId, RunRequest request) {
        ObjectNode root = header("start", runId);
        root.put("agent", request.agent());
        root.set("session", JSON.valueToTree(request.session()));
        root.put("input", request.input());
        request.budget().ifPresent(b -> root.putObject("budget").put("maxSteps", b.maxSteps())
                .put("maxTokens", b.maxTokens()).put("maxTimeMillis", b.maxTime().toMillis())
                .put("maxCost", b.maxCost().toPlainString()));
        return bytes(root);
    }

    static byte[] decide(String runId, String session, Decision decision) {
        ObjectNode root = header("decide", runId);
        root.put("session", session);
        ObjectNode node = root.putObject("decision");
        if (decision instanceof Decision.Deny d) {
            node.put("kind", "deny").put("text", d.reason());
        } else if (decision instanceof Decision.Edit e) {
            node.put("kind", "edit").put("text", e.arguments());
        } else if (decision instanceof Decision.Answer a) {
            node.put("kind", "answer").put("text", a.text());
        } else {
            node.put("kind", "approve");
        }
        return bytes(root);
    }

    /** Reads a requests-topic record. */
    static Command command(byte[] value) {
        if (value == null) {
            throw new MalformedRecordException("the record has no value (a tombstone?)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (IOException e) {
            throw new MalformedRecordException("the record is not JSON: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRecordException("the record is not a JSON object");
        }
        if (root.path("format").asInt(-1) != FORMAT) {
            throw new MalformedRecordException("unsupported format " + root.path("format") + "; expected " + FORMAT);
        }
        String runId = text(root, "runId");
        String type = text(root, "type");
        try {
            return switch (type) {
                case "start" -> new Command.Start(runId, new RunRequest(text(root, "agent"), session(root),
                        text(root, "input"), budget(root)));
                case "decide" -> new Command.Decide(runId, text(root, "session"), decision(root));
                default -> throw new MalformedRecordException("unknown type '" + type + "'; expected start or decide");
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("invalid " + type + " record for run " + runId + ": " + e.getMessage());
        }
    }

    static byte[] outcome(RunOutcome outcome) {
        return bytes(JSON.valueToTree(outcome));
    }

    static RunOutcome outcome(byte[] value) {
        return read(value, RunOutcome.class);
    }

    static byte[] event(RunEvent event) {
        return bytes(JSON.valueToTree(event));
    }

    static RunEvent event(byte[] value) {
        return read(value, RunEvent.class);
    }

    static byte[] deadLetter(DeadLetter letter) {
        return bytes(JSON.valueToTree(letter));
    }

    static DeadLetter deadLetter(byte[] value) {
        return read(value, DeadLetter.class);
    }

    private static ObjectNode header(String type, String runId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("type", type).put("runId", runId);
        return root;
    }

    private static MemoryScope session(JsonNode root) {
        JsonNode s = root.path("session");
        if (!s.isObject()) {
            throw new MalformedRecordException("field 'session' must be an object with tenant, user, agent, session");
        }
        return new MemoryScope(text(s, "tenant"), text(s, "user"), text(s, "agent"), text(s, "session"));
    }

    private static Optional<Budget> budget(JsonNode root) {
        JsonNode b = root.path("budget");
        if (b.isMissingNode() || b.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new Budget(number(b, "maxSteps").intValue(), number(b, "maxTokens").longValue(),
                Duration.ofMillis(number(b, "maxTimeMillis").longValue()), new BigDecimal(text(b, "maxCost"))));
    }

    private static Decision decision(JsonNode root) {
        JsonNode d = root.path("decision");
        String kind = text(d, "kind");
        return switch (kind) {
            case "approve" -> Decision.approve();
            case "deny" -> Decision.deny(text(d, "text"));
            case "edit" -> Decision.edit(text(d, "text"));
            case "answer" -> Decision.answer(text(d, "text"));
            default -> throw new MalformedRecordException("unknown decision kind '" + kind + "'");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new MalformedRecordException("field '" + field + "' must be a string, got "
                    + (value.isMissingNode() ? "nothing" : value.getNodeType().name().toLowerCase()));
        }
        return value.asText();
    }

    private static Number number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber()) {
            throw new MalformedRecordException("field '" + field + "' must be an integer");
        }
        return value.numberValue();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static <T> T read(byte[] value, Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (IOException e) {
            throw new MalformedRecordException("not a " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The run id of a requests-topic record, or {@code ""} if it has none that can be read. */
    static String runIdOf(byte[] value) {
        if (value == null) {
            return "";
        }
        try {
            JsonNode id = JSON.readTree(value).path("runId");
            return id.isTextual() ? id.asText() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static String text(byte[] value) {
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }
}
