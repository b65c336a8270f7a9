package dev.praxis.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Ids for tool calls that came without one. Some providers (older Ollama, some
 * OpenAI-compatible servers) send none, and memory, checkpoints and the results the model reads
 * next all pair a result with its call by id. A generated id is derived from the run, the step
 * and the call's position, so it is the same wherever the message is read again.
 */
final class CallIds {

    private CallIds() {
    }

    /** {@code message} with an id on every tool call; {@code message} itself when none was missing. */
    static AiMessage named(AiMessage message, String runId, int step) {
        if (!message.hasToolExecutionRequests()) {
            return message;
        }
        List<ToolExecutionRequest> requests = message.toolExecutionRequests();
        if (allNamed(requests)) {
            return message; // the common case: nothing to copy
        }
        List<ToolExecutionRequest> named = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ToolExecutionRequest request = requests.get(i);
            named.add(unnamed(request) ? request.toBuilder().id(generated(runId, step, i)).build() : request);
        }
        return message.toBuilder().toolExecutionRequests(named).build();
    }

    private static boolean allNamed(List<ToolExecutionRequest> requests) {
        for (int i = 0; i < requests.size(); i++) {
            if (unnamed(requests.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean unnamed(ToolExecutionRequest request) {
        return request.id() == null || request.id().isBlank();
    }

    private static String generated(String runId, int step, int index) {
        String run = runId.replace("-", "");
        return "call_" + run.substring(0, Math.min(12, run.length())) + "_" + step + "_" + (index + 1);
    }
}
