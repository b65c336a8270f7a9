package dev.praxis.a2a;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;

import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Reads the Server-Sent Events of a {@code message/stream} answer: JSON-RPC responses that
 * carry a task, artifact updates and status updates, or a message. Artifact text goes to the
 * text consumer as it arrives; the final status update (or a message) ends the run.
 */
final class A2aEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String agent;
    private final String runId;
    private final Consumer<String> onText;
    private final StringBuilder answer = new StringBuilder();
    private String taskId;

    A2aEvents(String agent, String runId, Consumer<String> onText) {
        this.agent = agent;
        this.runId = runId;
        this.onText = onText;
    }

    /** Reads events until the final one; {@code toResult} maps a JSON-RPC response with a task or message. */
    AgentResult read(Iterator<String> lines, BiFunction<String, JsonNode, AgentResult> toResult) {
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).strip());
            } else if (line.isEmpty() && data.length() > 0) {
                AgentResult end = event(data.toString(), toResult);
                data.setLength(0);
                if (end != null) {
                    return end;
                }
            }
        }
        AgentResult end = data.length() > 0 ? event(data.toString(), toResult) : null;
        return end != null ? end : failed("ended the stream without a final state");
    }

    /** Handles one event; returns the run's result if the event ends it. */
    private AgentResult event(String data, BiFunction<String, JsonNode, AgentResult> toResult) {
        JsonNode response;
        try {
            response = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            return failed("sent an event that is not JSON: " + AgentCard.abbreviate(data));
        }
        JsonNode result = response.path("result");
        if (response.has("error") || "message".equals(result.path("kind").asText())) {
            return toResult.apply(runId, response);
        }
        switch (result.path("kind").asText()) {
            case "task" -> taskId = result.path("id").asText(taskId);
            case "artifact-update" -> artifact(result);
            case "status-update" -> {
                if (result.path("final").asBoolean(false)) {
                    return toResult.apply(runId, finalTask(result));
                }
            }
            default -> {
                return failed("sent an unknown stream event: " + AgentCard.abbreviate(data));
            }
        }
        return null;
    }

    private void artifact(JsonNode update) {
        String text = A2aMessages.text(update.path("artifact"));
        boolean append = update.path("append").asBoolean(false);
        if (!append && update.path("lastChunk").asBoolean(false) && answer.length() > 0) {
            answer.setLength(0); // the whole answer, replacing the streamed chunks
            answer.append(text);
            return;
        }
        if (!append) {
            answer.setLength(0);
        }
        answer.append(text);
        if (!text.isEmpty()) {
            onText.accept(text);
        }
    }

    private JsonNode finalTask(JsonNode update) {
        ObjectNode task = JSON.createObjectNode().put("kind", "task")
                .put("id", update.path("taskId").asText(taskId == null ? runId : taskId));
        task.set("status", update.path("status"));
        task.putArray("artifacts").addObject().putArray("parts").addObject().put("kind", "text")
                .put("text", answer.toString());
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("result", task);
        return response;
    }

    private AgentResult failed(String what) {
        return new AgentResult(runId, Status.FAILED, "", List.of(), Usage.ZERO, "remote agent '" + agent + "' " + what);
    }
}
