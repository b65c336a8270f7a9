package dev.praxis.tools.a2a;

import dev.praxis.agent.AgentResult;
import dev.praxis.state.AskHuman;
import dev.praxis.state.PendingApproval;
import dev.praxis.tool.ApprovalDecision;
import io.a2a.spec.DataPart;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.TextPart;
import io.a2a.util.Utils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a person answers an {@code input-required} task over A2A, and how the task asks. The
 * status message lists the waiting calls (a data part {@code {"pending": [{"key", "tool",
 * "arguments", "question"}]}}); the reply is either
 * <ul>
 *   <li>a data part {@code {"decision": "approve" | "deny" | "edit" | "answer", "reason",
 *       "arguments", "text"}} for every waiting call, or {@code {"decisions": {key: {...}}}} per
 *       call, or</li>
 *   <li>plain text, so any A2A client can answer: the answer to an {@code ask_human} question;
 *       for a call waiting for approval, {@code approve} or {@code yes} approves it and any other
 *       text denies it with that text as the reason (a typo never runs a call).</li>
 * </ul>
 */
final class Replies {

    static final String DECISION = "decision";
    private static final Set<String> YES = Set.of("approve", "approved", "yes");

    private Replies() {
    }

    /** The status message's parts for a run that waits: the reason, then the waiting calls. */
    static List<Part<?>> question(AgentResult result, List<PendingApproval> pending) {
        List<Map<String, Object>> calls = new ArrayList<>();
        for (PendingApproval p : pending) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("key", p.key());
            call.put("tool", p.call().name());
            call.put("arguments", p.call().arguments());
            call.put("question", p.question());
            calls.add(call);
        }
        return List.of(new TextPart(result.status() + ": " + result.reason() + ". Reply 'approve' to run the"
                + " call(s), any other text to deny them with it as the reason, or the answer to the question."),
                new DataPart(Map.of("pending", calls)));
    }

    /** A decision for each call in {@code pending}, read from {@code reply}; calls it does not decide stay pending. */
    static Map<String, ApprovalDecision> decisions(Message reply, List<PendingApproval> pending) {
        Map<String, Object> data = data(reply);
        Map<String, ApprovalDecision> decisions = new HashMap<>();
        String text = A2aAgent.text(reply.getParts()).strip();
        for (PendingApproval call : pending) {
            Object own = data.get("decisions") instanceof Map<?, ?> each ? each.get(call.key()) : null;
            Map<?, ?> chosen = own instanceof Map<?, ?> m ? m : data.containsKey(DECISION) ? data : null;
            if (chosen != null) {
                decisions.put(call.key(), decision(chosen, text));
            } else if (!text.isEmpty()) {
                decisions.put(call.key(), fromText(call, text));
            }
        }
        return decisions;
    }

    private static ApprovalDecision fromText(PendingApproval call, String text) {
        if (AskHuman.NAME.equals(call.call().name())) {
            return ApprovalDecision.answer(text);
        }
        return YES.contains(text.toLowerCase(Locale.ROOT)) ? ApprovalDecision.allow()
                : ApprovalDecision.deny("the person answered: " + text);
    }

    private static ApprovalDecision decision(Map<?, ?> data, String text) {
        String kind = String.valueOf(data.get(DECISION)).toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "approve" -> ApprovalDecision.allow();
            case "edit" -> ApprovalDecision.edit(data.get("arguments") instanceof String s ? s
                    : Utils.toJsonString(data.get("arguments")));
            case "answer" -> ApprovalDecision.answer(data.get("text") instanceof String s ? s : text);
            default -> ApprovalDecision.deny(data.get("reason") instanceof String s && !s.isBlank() ? s
                    : "denied by the A2A client" + ("deny".equals(kind) ? "" : " (unknown decision '" + kind + "')"));
        };
    }

    private static Map<String, Object> data(Message reply) {
        Map<String, Object> data = new HashMap<>();
        for (Part<?> part : reply.getParts()) {
            if (part instanceof DataPart d && d.getData() != null) {
                data.putAll(d.getData());
            }
        }
        return data;
    }

    /** The data part that carries {@code decision} in a reply. */
    static DataPart of(ApprovalDecision decision) {
        Map<String, Object> data = new HashMap<>();
        if (decision instanceof ApprovalDecision.Deny d) {
            data.put(DECISION, "deny");
            data.put("reason", d.reason());
        } else if (decision instanceof ApprovalDecision.Edit e) {
            data.put(DECISION, "edit");
            data.put("arguments", e.arguments());
        } else if (decision instanceof ApprovalDecision.Answer a) {
            data.put(DECISION, "answer");
            data.put("text", a.text());
        } else if (decision instanceof ApprovalDecision.Allow) {
            data.put(DECISION, "approve");
        } else {
            throw new IllegalArgumentException("a reply allows, denies, edits or answers; an open question"
                    + " (askPerson) leaves the task waiting, so there is nothing to send");
        }
        return new DataPart(data);
    }
}
