package dev.praxis.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.agent.Budget;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.tool.ApprovalDecision;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The JSON of the records on the four topics (format 1; 2 for a start record with attachments). Commands are read field by field so a
 * bad record fails with a message naming the field; outcomes, events and dead letters are
 * written by workers and bound as records.
 */
final class Wire {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int FORMAT = 1;
    /** A start record with attachments: a worker that predates them refuses it instead of dropping them. */
    static final int FORMAT_ATTACHMENTS = 2;

    private Wire() {
    }

    static byte[] start(String runId, RunRequest request) {
        return start(runId, request, PayloadKeys.NONE);
    }

    static byte[] start(String runId, RunRequest request, PayloadKeys keys) {
        ObjectNode root = header("start", runId);
        root.put("agent", request.agent());
        root.set("session", JSON.valueToTree(request.session()));
        root.put("input", request.input());
        if (!request.attachments().isEmpty()) {
            root.set("attachments", Attachments.write(request.attachments()));
            root.put("format", FORMAT_ATTACHMENTS);
        }
        request.budget().ifPresent(b -> root.putObject("budget").put("maxSteps", b.maxSteps())
                .put("maxTokens", b.maxTokens()).put("maxTimeMillis", b.maxTime().toMillis())
                .put("maxCost", b.maxCost().toPlainString()));
        seal(root, runId, () -> request.session().owner(), keys, "input", "attachments");
        return bytes(root);
    }

    static byte[] decide(String runId, String session, ApprovalDecision decision) {
        return decide(runId, session, decision, PayloadKeys.NONE);
    }

    static byte[] decide(String runId, String session, ApprovalDecision decision, PayloadKeys keys) {
        ObjectNode root = header("decide", runId);
        root.put("session", session);
        ObjectNode node = root.putObject("decision");
        if (decision instanceof ApprovalDecision.Deny d) {
            node.put("kind", "deny").put("text", d.reason());
        } else if (decision instanceof ApprovalDecision.Edit e) {
            node.put("kind", "edit").put("text", e.arguments());
        } else if (decision instanceof ApprovalDecision.Answer a) {
            node.put("kind", "answer").put("text", a.text());
        } else if (decision instanceof ApprovalDecision.Allow) {
            node.put("kind", "approve");
        } else {
            throw new IllegalArgumentException("a decision sent to a worker allows, denies, edits or answers;"
                    + " an open question (askPerson) leaves the run waiting, so there is nothing to send");
        }
        seal(root, runId, () -> owner(session), keys, "decision");
        return bytes(root);
    }

    /** Reads a requests-topic record with plain content. */
    static Command command(byte[] value) {
        return command(value, PayloadKeys.NONE);
    }

    /** Reads a requests-topic record, opening its sealed content with {@code keys}. */
    static Command command(byte[] value, PayloadKeys keys) {
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
        int format = root.path("format").asInt(-1);
        if (format != FORMAT && format != FORMAT_ATTACHMENTS) {
            throw new MalformedRecordException("unsupported format " + root.path("format") + "; expected " + FORMAT
                    + " or " + FORMAT_ATTACHMENTS);
        }
        String runId = text(root, "runId");
        String type = text(root, "type");
        if (root.has("sealed")) {
            JsonNode session = root.path("session");
            open((ObjectNode) root, runId, session.isObject() ? new Owner(text(session, "tenant"), text(session, "user"))
                    : owner(text(root, "session")), keys);
        }
        try {
            return switch (type) {
                case "start" -> new Command.Start(runId, new RunRequest(text(root, "agent"), session(root),
                        text(root, "input"), budget(root), Attachments.read(root.path("attachments"))));
                case "decide" -> new Command.Decide(runId, text(root, "session"), decision(root));
                default -> throw new MalformedRecordException("unknown type '" + type + "'; expected start or decide");
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("invalid " + type + " record for run " + runId + ": " + e.getMessage());
        }
    }

    static byte[] outcome(RunOutcome outcome) {
        return outcome(outcome, PayloadKeys.NONE);
    }

    static byte[] outcome(RunOutcome outcome, PayloadKeys keys) {
        ObjectNode root = JSON.valueToTree(outcome);
        seal(root, outcome.runId(), () -> owner(outcome.session()), keys, "output", "reason", "pending",
                "citations", "untrusted");
        return bytes(root);
    }

    static RunOutcome outcome(byte[] value) {
        return outcome(value, PayloadKeys.NONE);
    }

    /** Reads a results-topic record, opening its sealed content with {@code keys}. */
    static RunOutcome outcome(byte[] value, PayloadKeys keys) {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (IOException e) {
            throw new MalformedRecordException("not a RunOutcome: " + e.getMessage());
        }
        if (root instanceof ObjectNode node && node.has("sealed")) {
            open(node, text(node, "runId"), owner(text(node, "session")), keys);
        }
        try {
            return JSON.treeToValue(root, RunOutcome.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedRecordException("not a RunOutcome: " + e.getMessage());
        }
    }

    /**
     * Moves the content {@code fields} of {@code root} into one {@code sealed} field, encrypted
     * with {@code owner}'s key and bound to the run, so it cannot be replayed under another run.
     */
    private static void seal(ObjectNode root, String runId, Supplier<Owner> whose, PayloadKeys keys, String... fields) {
        if (keys == PayloadKeys.NONE) {
            return;
        }
        Owner owner = whose.get();
        ContentCipher cipher = keys.cipher(owner, true).orElseThrow(() -> new DistributedException(
                "no payload key for " + owner + " could be made"));
        if (!cipher.encrypts()) {
            return;
        }
        ObjectNode content = JSON.createObjectNode();
        for (String field : fields) {
            JsonNode value = root.remove(field);
            if (value != null) {
                content.set(field, value);
            }
        }
        root.put("sealed", cipher.encrypt(content.toString(), "praxis-run:" + runId));
    }

    /** Puts the sealed content of {@code root} back in place, or says why it cannot be read. */
    private static void open(ObjectNode root, String runId, Owner owner, PayloadKeys keys) {
        ContentCipher cipher = keys.cipher(owner, false).filter(ContentCipher::encrypts).orElseThrow(() ->
                new MalformedRecordException("the content of run " + runId + " is sealed with the payload key of "
                        + owner + ", which is not available here (shredded, or no PayloadKeys configured)"));
        JsonNode content;
        try {
            content = JSON.readTree(cipher.decrypt(root.path("sealed").asText(), "praxis-run:" + runId));
        } catch (MemoryException | IOException e) {
            throw new MalformedRecordException("the content of run " + runId + " cannot be opened with the payload key"
                    + " of " + owner + ": " + e.getMessage());
        }
        root.remove("sealed");
        if (content instanceof ObjectNode fields) {
            root.setAll(fields);
        }
    }

    /** The owner named by a session key ({@code MemoryScope.key()}: tenant/user/agent/session, escaped). */
    static Owner owner(String sessionKey) {
        String[] parts = sessionKey.split("/", -1);
        if (parts.length != 4) {
            throw new MalformedRecordException("session key '" + sessionKey + "' is not tenant/user/agent/session");
        }
        return new Owner(unescape(parts[0]), unescape(parts[1]));
    }

    private static String unescape(String field) {
        return field.replace("%2F", "/").replace("%25", "%");
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

    private static ApprovalDecision decision(JsonNode root) {
        JsonNode d = root.path("decision");
        String kind = text(d, "kind");
        return switch (kind) {
            case "approve" -> ApprovalDecision.allow();
            case "deny" -> ApprovalDecision.deny(text(d, "text"));
            case "edit" -> ApprovalDecision.edit(text(d, "text"));
            case "answer" -> ApprovalDecision.answer(text(d, "text"));
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
