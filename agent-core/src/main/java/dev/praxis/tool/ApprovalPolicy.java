package dev.praxis.tool;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides, per call, whether a tool may run: {@link ApprovalDecision.Allow allow},
 * {@link ApprovalDecision.Deny deny} with a reason, or {@link ApprovalDecision.AskPerson ask a
 * person} (the toolbox then consults its {@link ApprovalHandler}). Called on the run's thread,
 * in call order, after the arguments have been validated and before the call starts.
 *
 * <pre>{@code
 * Toolbox toolbox = Toolbox.of(tools)
 *         .withApproval(ApprovalPolicy.standard(), request -> console.confirm(request));
 * }</pre>
 *
 * <p>Implementations must be thread-safe and fast; a policy that throws denies the call.
 */
@FunctionalInterface
public interface ApprovalPolicy {

    /** Runs every call: the toolbox's default, matching a program that trusts its tools. */
    ApprovalPolicy ALLOW_ALL = request -> ApprovalDecision.allow();

    /** Decides about one call. */
    ApprovalDecision decide(ApprovalRequest request);

    /**
     * The recommended policy: {@code READ_ONLY} and {@code WRITE} tools run, {@code EXTERNAL}
     * tools (money, messages, anything irreversible) need a person's approval.
     */
    static ApprovalPolicy standard() {
        return bySideEffect(ApprovalDecision.allow(), ApprovalDecision.allow(), null);
    }

    /**
     * A fixed decision per side-effect class; a {@code null} entry means "ask a person" with
     * the request's {@linkplain ApprovalRequest#describe() default question}.
     */
    static ApprovalPolicy bySideEffect(ApprovalDecision readOnly, ApprovalDecision write, ApprovalDecision external) {
        Map<SideEffect, ApprovalDecision> table = new EnumMap<>(SideEffect.class);
        if (readOnly != null) {
            table.put(SideEffect.READ_ONLY, readOnly);
        }
        if (write != null) {
            table.put(SideEffect.WRITE, write);
        }
        if (external != null) {
            table.put(SideEffect.EXTERNAL, external);
        }
        return request -> {
            ApprovalDecision fixed = table.get(request.sideEffect());
            return fixed != null ? fixed : ApprovalDecision.askPerson(request.describe());
        };
    }

    /** Denies calls of tools with a side effect; only {@code READ_ONLY} tools run. */
    static ApprovalPolicy readOnly() {
        ApprovalDecision no = ApprovalDecision.deny("this agent may only use read-only tools");
        return bySideEffect(ApprovalDecision.allow(), no, no);
    }

    /** This policy, except that the named tool always gets {@code decision}. */
    default ApprovalPolicy except(String toolName, ApprovalDecision decision) {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(decision, "decision");
        return request -> request.call().name().equals(toolName) ? decision : decide(request);
    }
}
