package dev.praxis.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to continue a run in another process: the conversation, the steps taken,
 * what was spent, the journal of tool calls and the calls waiting for a person. Immutable;
 * the loop writes a new one to its {@link CheckpointStore} after every change that matters
 * (see docs/durability.md). {@link #toJson()} and {@link #fromJson(String)} turn it into JSON and back.
 *
 * @param runId      the run's id (stable across resume)
 * @param agent      the agent's name
 * @param phase      whether the run goes on, waits for a person, or has ended
 * @param outcome    the final status name once {@link Phase#ENDED}, else {@code ""}
 * @param reason     why it ended or paused, else {@code ""}
 * @param input      the user's input that started the run
 * @param scope      the session, if the run has one
 * @param owner      the person the run is for, which {@link CheckpointStore#forget} erases by: the
 *                   session's tenant and user, or for a run without a session the owner its request
 *                   named; empty if neither (such a run belongs to no one and no forget finds it)
 * @param history    the remembered conversation before this run (system prompt excluded)
 * @param transcript this run's messages so far (user input, model turns, tool results)
 * @param remembered how many messages at the start of {@code transcript} are known to be in
 *                   conversation memory; the rest are written after this state is saved, so
 *                   after a crash they may or may not be there (resume checks, see docs/durability.md)
 * @param steps      completed steps
 * @param usage      tokens and cost spent so far
 * @param elapsed    milliseconds the run has been running (time while stopped not counted)
 * @param limits     the run's budget, cost limit included
 * @param pending    a model turn whose tool calls have not all been answered yet
 * @param calls      the journal of side-effecting tool calls, by idempotency key, in order
 * @param approvals  calls waiting for a person's decision
 * @param extensions extra state of collaborators (a team's blackboard, say), by name
 * @param version    incremented on every save; a store rejects an older version
 * @param updatedAt  when this state was taken
 */
public record RunState(String runId, String agent, Phase phase, String outcome, String reason, String input,
                       Optional<MemoryScope> scope, Optional<Owner> owner, List<ChatMessage> history,
                       List<ChatMessage> transcript, int remembered, List<StepRecord> steps, Tokens usage,
                       long elapsed, Limits limits, Optional<PendingTurn> pending, List<CallRecord> calls,
                       List<PendingApproval> approvals, Map<String, JsonNode> extensions, long version,
                       Instant updatedAt) {

    /**
     * Copies collections and rejects nulls, a {@code remembered} outside the transcript and an
     * owner other than the session's; an empty owner of a run with a session becomes the session's.
     */
    public RunState {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(owner, "owner");
        if (scope.isPresent()) {
            Owner session = scope.get().owner();
            if (owner.isPresent() && !owner.get().equals(session)) {
                throw new IllegalArgumentException("run " + runId + " has owner " + owner.get()
                        + " but its session belongs to " + session);
            }
            owner = Optional.of(session);
        }
        history = List.copyOf(history);
        transcript = List.copyOf(transcript);
        if (remembered < 0 || remembered > transcript.size()) {
            throw new IllegalArgumentException("remembered must be 0.." + transcript.size() + ", got " + remembered);
        }
        steps = List.copyOf(steps);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(pending, "pending");
        calls = List.copyOf(calls);
        approvals = List.copyOf(approvals);
        extensions = Map.copyOf(extensions);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * This state as JSON text (format {@code 1}), what a {@link CheckpointStore} keeps. Messages use
     * LangChain4j's message JSON.
     */
    public String toJson() {
        return RunStateJson.write(this);
    }

    /**
     * The state in {@code json}, as {@link #toJson()} wrote it.
     *
     * @throws CheckpointException naming the field if the text is not such a state (another
     *                             format, a missing or malformed field)
     */
    public static RunState fromJson(String json) {
        return RunStateJson.read(json);
    }

    /**
     * The owner recorded in the state {@code json} (its {@code owner}, else its session's tenant and
     * user), without reading the rest: what a store indexes for {@link CheckpointStore#forget}.
     *
     * @throws CheckpointException if the text is not JSON or its owner or scope is malformed
     */
    public static Optional<Owner> ownerInJson(String json) {
        return RunStateJson.owner(json);
    }

    /** Whether this run is for {@code tenant}'s {@code user}. */
    public boolean ownedBy(String tenant, String user) {
        return owner.isPresent() && owner.get().is(tenant, user);
    }

    /** Where a run stands. */
    public enum Phase {
        /** Running, or stopped by a crash while running: resume continues it. */
        RUNNING,
        /** Paused until a person decides on {@link #approvals()}. */
        AWAITING_APPROVAL,
        /** Ended with {@link #outcome()}; nothing to resume. */
        ENDED
    }

    /**
     * Tokens and money spent.
     *
     * @param input  prompt tokens
     * @param output generated tokens
     * @param cost   what they cost by the agent's price table; zero without one
     */
    public record Tokens(long input, long output, BigDecimal cost) {

        /** Tokens at no known cost. */
        public Tokens(long input, long output) {
            this(input, output, BigDecimal.ZERO);
        }

        /** Rejects a null or negative cost. */
        public Tokens {
            Objects.requireNonNull(cost, "cost");
            if (cost.signum() < 0) {
                throw new IllegalArgumentException("cost must not be negative, got " + cost);
            }
        }
    }

    /**
     * A run's budget, in plain numbers.
     *
     * @param maxSteps      model calls allowed
     * @param maxTokens     tokens allowed
     * @param maxTimeMillis wall-clock milliseconds allowed
     * @param maxCost       money allowed; {@link #NO_COST_LIMIT} for none
     */
    public record Limits(int maxSteps, long maxTokens, long maxTimeMillis, BigDecimal maxCost, int maxToolCalls) {

        /** The cost limit of a run without one (the same value as {@code Budget.NO_COST_LIMIT}). */
        public static final BigDecimal NO_COST_LIMIT = BigDecimal.valueOf(Long.MAX_VALUE);

        /** Limits without a cost limit. */
        public Limits(int maxSteps, long maxTokens, long maxTimeMillis) {
            this(maxSteps, maxTokens, maxTimeMillis, NO_COST_LIMIT);
        }

        /** Limits without a tool-call limit (states stored before there was one). */
        public Limits(int maxSteps, long maxTokens, long maxTimeMillis, BigDecimal maxCost) {
            this(maxSteps, maxTokens, maxTimeMillis, maxCost, Integer.MAX_VALUE);
        }

        /** Rejects a null or non-positive cost limit. */
        public Limits {
            Objects.requireNonNull(maxCost, "maxCost");
            if (maxCost.signum() <= 0) {
                throw new IllegalArgumentException("maxCost must be positive, got " + maxCost);
            }
        }
    }

    /**
     * A model turn that asked for tool calls, recorded before any of them runs.
     *
     * @param step     the step it belongs to
     * @param response the model's message with the calls
     * @param usage    tokens of that model call
     * @param millis   milliseconds the step had taken when recorded
     */
    public record PendingTurn(int step, AiMessage response, Tokens usage, long millis) {
        /** Rejects nulls. */
        public PendingTurn {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(usage, "usage");
        }
    }
}
