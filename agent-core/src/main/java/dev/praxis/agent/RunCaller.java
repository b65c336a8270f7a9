package dev.praxis.agent;

import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalHandler;
import dev.praxis.tool.ApprovalRequest;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolCaller;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller of a tool inside an agent run: log lines and progress become {@link AgentEvent}s
 * naming the call; a request for user input goes the approval path, to the toolbox's
 * {@link ApprovalHandler}, and fails closed (a {@link ToolException}, so the call fails) when
 * nobody is configured, the person refuses to be asked now, or a yes cannot fill the fields
 * asked for. Sampling is not offered: the tool has the run's model only through its own wiring.
 */
final class RunCaller implements ToolCaller {

    /**
     * The caller of a run nobody listens to and nobody approves for: log lines and progress go
     * nowhere and a request for input fails, for every call alike, so it serves every call as is.
     */
    static final RunCaller UNHEARD = new RunCaller(AgentListener.NONE, null, ApprovalHandler.NOBODY, null);

    private final AgentListener listener;
    private final ToolContext step; // null only in UNHEARD
    private final ApprovalHandler approver;
    private final ToolCall call;

    RunCaller(AgentListener listener, ToolContext step, ApprovalHandler approver) {
        this(listener, step, approver, null);
    }

    private RunCaller(AgentListener listener, ToolContext step, ApprovalHandler approver, ToolCall call) {
        this.listener = listener;
        this.step = step;
        this.approver = approver;
        this.call = call;
    }

    @Override
    public ToolCaller forCall(ToolCall forCall) {
        return this == UNHEARD ? this : new RunCaller(listener, step, approver, forCall);
    }

    @Override
    public void log(Level level, String message) {
        if (call != null && listener != AgentListener.NONE) {
            listener.on(new AgentEvent.ToolLog(step.runId(), step.step(), call, level, message));
        }
    }

    @Override
    public void progress(double done, double total, String message) {
        if (call != null && listener != AgentListener.NONE) {
            listener.on(new AgentEvent.ToolProgress(step.runId(), step.step(), call, done, total, message));
        }
    }

    @Override
    public Elicitation elicit(String message, Map<String, Object> requestedSchema) {
        if (approver == ApprovalHandler.NOBODY || call == null) {
            throw new ToolException("the tool asked for user input and nobody is configured to answer"
                    + " (no approval handler); the question was: " + message);
        }
        ApprovalDecision decision = approver.ask(new ApprovalRequest(call, SideEffect.EXTERNAL, step.forCall(call, 0)),
                "The tool " + call.name() + " asks: " + message);
        if (decision instanceof ApprovalDecision.Deny) {
            return new Elicitation.Declined();
        }
        if (decision instanceof ApprovalDecision.AskPerson) {
            throw new ToolException("the tool asked for user input during the call, which cannot wait for a person"
                    + " to answer later; the question was: " + message);
        }
        if (decision instanceof ApprovalDecision.Edit || decision instanceof ApprovalDecision.Answer) {
            throw new ToolException("the tool asked for user input, which takes a yes (allow) or a no (deny),"
                    + " not an edit or an answer; the question was: " + message);
        }
        return new Elicitation.Accepted(defaults(requestedSchema, message));
    }

    /** A yes fills each field with its schema default; a required field without one cannot be filled. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> defaults(Map<String, Object> schema, String message) {
        Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p
                : Map.of();
        List<String> required = schema.get("required") instanceof List<?> r ? (List<String>) r : List.of();
        Map<String, Object> filled = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        properties.forEach((name, property) -> {
            if (property instanceof Map<?, ?> field && field.containsKey("default")) {
                filled.put(name, field.get("default"));
            } else if (required.contains(name)) {
                missing.add(name);
            }
        });
        if (!missing.isEmpty()) {
            throw new ToolException("the approver said yes, but the tool asks for " + String.join(", ", missing)
                    + ", which a yes cannot fill; the question was: " + message);
        }
        return filled;
    }
}
