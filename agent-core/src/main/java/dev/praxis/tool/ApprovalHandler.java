package dev.praxis.tool;

/**
 * Asks a person about a call when the {@link ApprovalPolicy} says
 * {@link ApprovalDecision.AskPerson}: the SPI behind human-in-the-loop approval.
 *
 * <p>A handler returns one of:
 * <ul>
 *   <li>{@link ApprovalDecision.Allow} when the person approved (a synchronous handler may
 *       block the run's thread until they answer, e.g. on a console);</li>
 *   <li>{@link ApprovalDecision.Deny} when they refused, with their reason for the model;</li>
 *   <li>{@link ApprovalDecision.AskPerson} when the question has been passed on (a queue, a
 *       ticket, a chat message) and the answer will come later: the call does not run and
 *       yields {@link ToolResult.AwaitingApproval} carrying the call's idempotency key, so an
 *       asynchronous loop can pause the run and, on resume, answer from a recorded decision.</li>
 * </ul>
 *
 * <p>Called on the run's thread, one call at a time, in call order. A handler that throws
 * denies the call. Implementations used by concurrent runs must be thread-safe.
 */
@FunctionalInterface
public interface ApprovalHandler {

    /** The default: nobody is there to ask, so every call that needs a person is denied. */
    ApprovalHandler NOBODY = (request, question) -> ApprovalDecision.deny(
            "this call needs a person's approval and no approver is configured");

    /** Asks about {@code request}; {@code question} is the policy's wording for the person. */
    ApprovalDecision ask(ApprovalRequest request, String question);
}
