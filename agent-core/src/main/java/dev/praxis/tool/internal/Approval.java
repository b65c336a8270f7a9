package dev.praxis.tool.internal;

import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalHandler;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.ApprovalRequest;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The approval link: the {@link ApprovalPolicy} decides, asking the
 * {@link ApprovalHandler} when a person must. A denial, an answer or a pending question answers
 * the call without running it; an edit runs it with the new arguments (the chain validates them again); a policy
 * or handler that fails denies it (fail closed). Questions to a person are asked one at a time,
 * even when the calls of a step run in parallel. A call a person has already approved
 * ({@link Chain#approved()}) passes without a question.
 */
public final class Approval implements ToolInterceptor {

    private static final Logger log = LoggerFactory.getLogger(Approval.class);

    private final ApprovalPolicy policy;
    private final ApprovalHandler handler;

    /** Decides with {@code policy}, asking {@code handler}. */
    public Approval(ApprovalPolicy policy, ApprovalHandler handler) {
        this.policy = policy;
        this.handler = handler;
    }

    @Override
    public ToolResult intercept(Chain chain) {
        ToolCall call = chain.call();
        if (chain.approved()) {
            return chain.proceed(call);     // a person said yes already; the policy is not asked again
        }
        ApprovalRequest request = new ApprovalRequest(call, chain.tool().sideEffect(), chain.context());
        ApprovalDecision decision = decide(() -> policy.decide(request), "approval policy", call);
        if (decision instanceof ApprovalDecision.AskPerson ask) {
            synchronized (handler) {
                decision = decide(() -> handler.ask(request, ask.question()), "approval handler", call);
            }
            if (decision instanceof ApprovalDecision.AskPerson pending) {
                return new ToolResult.AwaitingApproval(pending.question(), chain.context().idempotencyKey());
            }
        }
        if (decision instanceof ApprovalDecision.Deny deny) {
            return new ToolResult.Denied(deny.reason());
        }
        if (decision instanceof ApprovalDecision.Answer answer) {
            return ToolResult.ok(answer.text());
        }
        if (decision instanceof ApprovalDecision.Edit edit) {
            return edited(chain, new ToolCall(call.id(), call.name(), edit.arguments()));
        }
        return chain.proceed(call);
    }

    /**
     * Runs {@code changed}, telling the model its arguments changed; the chain validates the new
     * arguments again before the next link sees them.
     */
    private static ToolResult edited(Chain chain, ToolCall changed) {
        ToolResult result = chain.proceed(changed);
        return result instanceof ToolResult.Ok ok ? ok.withContent("(The approver changed the arguments to "
                + changed.arguments() + " before it ran.) " + ok.content()) : result;
    }

    private static ApprovalDecision decide(Supplier<ApprovalDecision> source, String who, ToolCall call) {
        try {
            ApprovalDecision decision = source.get();
            if (decision == null) {
                throw new NullPointerException(who + " returned no decision");
            }
            return decision;
        } catch (RuntimeException e) {
            log.warn("{} failed for tool '{}'; denying the call", who, call.name(), e);
            return ApprovalDecision.deny("the " + who + " failed, so the call was not run");
        }
    }
}
