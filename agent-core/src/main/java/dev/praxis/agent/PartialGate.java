package dev.praxis.agent;

import dev.praxis.guard.GuardDecision;

import java.util.function.Function;

/**
 * What of a streamed answer reaches listeners as {@link AgentEvent.PartialText} while the
 * agent has guardrails: the text so far is checked like a final answer, and only the part of
 * the guarded text that lies more than {@value #HOLD_BACK_WORDS} words behind the newest is
 * released. A leak a guardrail finds in a run of words (a repeated system prompt, a canary, a
 * secret, a URL to a host not opened) is therefore found before any of it is released; after a
 * trip, a failing guardrail, or a rewrite that would change text already released, nothing
 * more is released for this call. The rest is released when the complete response passes.
 * Without guardrails every partial passes as it comes. Thread-safe (the provider's thread
 * calls it).
 */
final class PartialGate {

    /** How many of the newest words stay held back: more than any run of words a guardrail looks for. */
    static final int HOLD_BACK_WORDS = 16;

    private final String runId;
    private final int step;
    private final AgentListener listener;
    private final Function<String, GuardDecision> guard;
    private final StringBuilder seen = new StringBuilder();
    private String released = "";
    private boolean closed;

    /** A gate releasing through {@code listener}; {@code guard} null lets everything pass. */
    PartialGate(String runId, int step, AgentListener listener, Function<String, GuardDecision> guard) {
        this.runId = runId;
        this.step = step;
        this.listener = listener;
        this.guard = guard;
    }

    /** Takes the next piece of streamed text. */
    void add(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (guard == null) {
            listener.on(new AgentEvent.PartialText(runId, step, text));
            return;
        }
        String delta;
        synchronized (this) {
            if (closed) {
                return;
            }
            seen.append(text);
            delta = release(seen.toString(), false);
        }
        emit(delta);
    }

    /** The complete text of the call: whatever was held back is released if it passes. */
    void finish(String complete) {
        if (guard == null || complete == null) {
            return;
        }
        String delta;
        synchronized (this) {
            if (closed) {
                return;
            }
            delta = release(complete, true);
            closed = true;
        }
        emit(delta);
    }

    private String release(String text, boolean whole) {
        String guarded;
        try {
            GuardDecision decision = guard.apply(text);
            if (decision instanceof GuardDecision.Trip) {
                closed = true;
                return "";
            }
            guarded = decision instanceof GuardDecision.Rewrite rewrite ? rewrite.text() : text;
        } catch (RuntimeException e) {
            closed = true;                      // fail closed: a guard that cannot decide releases nothing
            return "";
        }
        String stable = whole ? guarded : guarded.substring(0, heldBackFrom(guarded));
        if (!stable.startsWith(released)) {
            closed = true;                      // a rewrite reached text already released: stop here
            return "";
        }
        String delta = stable.substring(released.length());
        released = stable;
        return delta;
    }

    private void emit(String delta) {
        if (!delta.isEmpty()) {
            listener.on(new AgentEvent.PartialText(runId, step, delta));
        }
    }

    /** Where the newest {@value #HOLD_BACK_WORDS} words (and any word still arriving) begin. */
    static int heldBackFrom(String text) {
        int words = 0;
        int i = text.length();
        while (i > 0) {
            while (i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
                i--;
            }
            if (words == HOLD_BACK_WORDS) {
                return i;
            }
            while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
                i--;
            }
            words++;
        }
        return 0;
    }
}
