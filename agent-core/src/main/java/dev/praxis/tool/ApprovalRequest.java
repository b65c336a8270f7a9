package dev.praxis.tool;

import java.util.Objects;

/**
 * One call awaiting an approval decision: what is to run, how dangerous it is and where it
 * comes from. {@code context.idempotencyKey()} identifies the call across a pause and resume.
 *
 * @param call       the call as the model asked for it (arguments already validated)
 * @param sideEffect the side-effect class of the tool that would run
 * @param context    the call's context, including its idempotency key
 */
public record ApprovalRequest(ToolCall call, SideEffect sideEffect, ToolContext context) {

    /** Rejects null components. */
    public ApprovalRequest {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(sideEffect, "sideEffect");
        Objects.requireNonNull(context, "context");
    }

    /** A default question for a person: which tool, which side-effect class, which arguments. */
    public String describe() {
        return "Allow tool '" + call.name() + "' (" + sideEffect + ") with arguments " + call.arguments() + "?";
    }
}
