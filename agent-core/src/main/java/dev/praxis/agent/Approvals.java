package dev.praxis.agent;

import dev.praxis.state.PendingApproval;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies a person's decisions to the calls a paused run waits for: approved calls run (with
 * the toolbox's validation, timeout and limits, but without asking again), edited ones run with
 * the new arguments, denied and expired ones are answered with a denial the model can read.
 * Calls without a decision stay pending.
 */
final class Approvals {

    private final Checkpoints checkpoints;
    private final Clock clock;

    Approvals(Checkpoints checkpoints, Clock clock) {
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /** Applies {@code decisions} (by idempotency key) to every pending call of {@code run}. */
    void apply(Run run, Function<String, ApprovalDecision> decisions, Toolbox toolbox) {
        Toolbox approved = toolbox.approvedByPerson();
        Instant now = clock.instant();
        for (PendingApproval pending : run.journal.approvals()) {
            ApprovalDecision decision = decisions.apply(pending.key());
            if (pending.expiredAt(now)) {
                answer(run, pending, new ToolResult.Denied("the approval request expired at " + pending.expiresAt()
                        + " without a decision, so the call did not run"));
            } else if (decision instanceof ApprovalDecision.Allow) {
                run.journal.decided(pending.key());
                checkpoints.runDecided(run, pending.call(), pending.key(), pending.step(), approved);
            } else if (decision instanceof ApprovalDecision.Edit edit) {
                run.journal.decided(pending.key());
                ToolCall changed = new ToolCall(pending.call().id(), pending.call().name(), edit.arguments());
                ToolResult result = checkpoints.runDecided(run, changed, pending.key(), pending.step(), approved);
                if (result instanceof ToolResult.Ok ok) {
                    run.journal.finished(pending.key(), pending.step(), changed, ok.withContent(
                            "(A person changed the arguments to " + edit.arguments() + " before it ran.) " + ok.content()));
                }
            } else if (decision instanceof ApprovalDecision.Deny deny) {
                answer(run, pending, new ToolResult.Denied("a person denied this call: " + deny.reason()));
            } else if (decision instanceof ApprovalDecision.Answer given) {
                answer(run, pending, ToolResult.ok(given.text()));
            }
        }
        checkpoints.save(run);
    }

    private static void answer(Run run, PendingApproval pending, ToolResult result) {
        run.journal.decided(pending.key());
        run.journal.finished(pending.key(), pending.step(), pending.call(), result);
    }
}
