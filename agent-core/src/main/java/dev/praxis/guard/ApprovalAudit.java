package dev.praxis.guard;

import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalHandler;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.ApprovalRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records approval decisions in an {@link AuditLog}: wrap the policy (automatic decisions) and
 * the handler (a person's decisions) of a toolbox. Each decision becomes an {@code approval}
 * entry with the run, step, idempotency key, tool, side effect, who decided and what. Arguments
 * are recorded with secrets masked.
 *
 * <pre>{@code
 * toolbox.withApproval(ApprovalAudit.policy(policy, audit), ApprovalAudit.handler(approver, audit));
 * }</pre>
 */
public final class ApprovalAudit {

    private ApprovalAudit() {
    }

    /** {@code policy}, recording each decision it makes. */
    public static ApprovalPolicy policy(ApprovalPolicy policy, AuditLog log) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(log, "log");
        return request -> record(log, request, "policy", policy.decide(request));
    }

    /**
     * {@code handler}, recording each decision a person makes (or defers). A containment gate
     * that asks it ({@link Containment#gate}, which {@code LlmAgent.Builder#containment} wires)
     * records its own decisions in {@code log} too, by {@code containment}: the question it puts
     * to the person ({@code ask_person}) and a call it denies itself because it could not decide.
     */
    public static ApprovalHandler handler(ApprovalHandler handler, AuditLog log) {
        return new Audited(Objects.requireNonNull(handler, "handler"), Objects.requireNonNull(log, "log"));
    }

    /** The log {@code handler} records into, when it is one {@link #handler} made. */
    static Optional<AuditLog> logOf(ApprovalHandler handler) {
        return handler instanceof Audited audited ? Optional.of(audited.log()) : Optional.empty();
    }

    /** A handler whose decisions are recorded; its log also takes the decisions of a gate asking it. */
    private record Audited(ApprovalHandler handler, AuditLog log) implements ApprovalHandler {
        @Override
        public ApprovalDecision ask(ApprovalRequest request, String question) {
            return record(log, request, "person", handler.ask(request, question));
        }
    }

    /** Records {@code decision}, made {@code by} ({@code policy}, {@code person} or {@code containment}). */
    static ApprovalDecision record(AuditLog log, ApprovalRequest request, String by, ApprovalDecision decision) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run", request.context().runId());
        data.put("step", request.context().step());
        data.put("idempotency_key", request.context().idempotencyKey());
        data.put("tool", request.call().name());
        data.put("side_effect", request.sideEffect().name());
        data.put("arguments", SecretMasker.defaults().mask(request.call().arguments()));
        data.put("by", by);
        if (decision instanceof ApprovalDecision.Allow) {
            data.put("decision", "allow");
        } else if (decision instanceof ApprovalDecision.Deny deny) {
            data.put("decision", "deny");
            data.put("reason", SecretMasker.defaults().mask(deny.reason()));
        } else if (decision instanceof ApprovalDecision.Edit edited) {
            data.put("decision", "edit");
            data.put("arguments_changed_to", SecretMasker.defaults().mask(edited.arguments()));
        } else if (decision instanceof ApprovalDecision.Answer answer) {
            data.put("decision", "answer");
            data.put("answer", SecretMasker.defaults().mask(answer.text()));
        } else if (decision instanceof ApprovalDecision.AskPerson ask) {
            data.put("decision", by.equals("person") ? "pending" : "ask_person");
            data.put("question", SecretMasker.defaults().mask(ask.question()));
        } else {
            data.put("decision", String.valueOf(decision));
        }
        log.append("approval", data);
        return decision;
    }
}
