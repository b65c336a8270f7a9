package dev.praxis.agent;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.tool.Delegation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One task for an agent: the input, and optionally the session it belongs to and a budget
 * that replaces the agent's default. Immutable.
 *
 * <pre>{@code
 * agent.run(AgentRequest.of("And in Celsius?").inSession(MemoryScope.of("alice", "chat-42")));
 * agent.run(AgentRequest.of("What is wrong with this rash?").attach(ImageContent.from(base64Png, "image/png")));
 * }</pre>
 *
 * <p>Attachments (images, audio, PDFs, {@link dev.praxis.content.EmbeddedResource}s) reach the
 * model in the same user message as the input; see {@link dev.praxis.content.Parts} for what
 * memory and checkpoints keep of them.
 *
 * <p>Without a session the run is stateless: it reads and writes no conversation memory. Its
 * checkpoints then belong to no one, so {@code forget} cannot find them, unless the request
 * names its owner with {@link #onBehalfOf}.
 */
public final class AgentRequest {

    private final String input;
    private final MemoryScope scope;
    private final Budget budget;
    private final String runId;
    private final Delegation delegation;
    private final Owner owner;
    private final List<Content> attachments;

    private AgentRequest(String input, MemoryScope scope, Budget budget, String runId, Delegation delegation,
                         Owner owner, List<Content> attachments) {
        this.input = Objects.requireNonNull(input, "input");
        this.attachments = List.copyOf(attachments);
        this.scope = scope;
        this.budget = budget;
        this.runId = runId;
        this.delegation = delegation;
        if (scope != null && owner != null && !scope.owner().equals(owner)) {
            throw new IllegalArgumentException("the request is on behalf of " + owner + " but its session belongs to "
                    + scope.owner());
        }
        this.owner = owner;
    }

    /** A stateless request for {@code input} with the agent's default budget. */
    public static AgentRequest of(String input) {
        return new AgentRequest(input, null, null, null, Delegation.NONE, null, List.of());
    }

    /** This request in the conversation {@code sessionScope}. */
    public AgentRequest inSession(MemoryScope sessionScope) {
        return new AgentRequest(input, Objects.requireNonNull(sessionScope, "sessionScope"), budget, runId,
                delegation, owner, attachments);
    }

    /**
     * This request made for {@code person}, so its checkpoints (transcript, tool results, pending
     * approvals) are erased by {@code forget(tenant, user)} even without a session. A request in
     * a session is already its tenant and user's; naming another owner is refused.
     *
     * @throws IllegalArgumentException if the request's session belongs to someone else
     */
    public AgentRequest onBehalfOf(Owner person) {
        return new AgentRequest(input, scope, budget, runId, delegation, Objects.requireNonNull(person, "person"), attachments);
    }

    /** This request with its own budget. */
    public AgentRequest withBudget(Budget newBudget) {
        return new AgentRequest(input, scope, Objects.requireNonNull(newBudget, "newBudget"), runId, delegation, owner, attachments);
    }

    /** This request with {@code newInput} in place of its input (e.g. after redaction). */
    public AgentRequest withInput(String newInput) {
        return new AgentRequest(Objects.requireNonNull(newInput, "newInput"), scope, budget, runId, delegation, owner, attachments);
    }

    /**
     * This request as delegated by the agents in {@code callers} (usually
     * {@link dev.praxis.tool.ToolContext#delegation()} of the tool that starts this agent), so the
     * run counts towards their depth limit; see {@link Delegation}.
     */
    public AgentRequest delegatedBy(Delegation callers) {
        return new AgentRequest(input, scope, budget, runId, Objects.requireNonNull(callers, "callers"), owner, attachments);
    }

    /**
     * This request with a run id chosen by the caller instead of a random one, for callers that
     * must know the id before the run starts (a queue that hands runs to workers, a team that must
     * find its member's checkpoint after a crash). The id must be
     * unique per run: a durable agent rejects a second run whose id it already has a checkpoint for.
     *
     * @throws IllegalArgumentException if {@code id} is blank, longer than 128 characters or not
     *                                  made of letters, digits, {@code .}, {@code _} and {@code -}
     */
    public AgentRequest withRunId(String id) {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("run id must be 1-128 letters, digits, '.', '_' or '-' (not starting"
                    + " with '.'), got '" + id + "'");
        }
        return new AgentRequest(input, scope, budget, id, delegation, owner, attachments);
    }

    /**
     * This request with {@code parts} attached to its input, after any attached before: images,
     * audio clips, PDFs or embedded resources for a model that reads them. A provider that cannot
     * read a part's type refuses the model call with {@link dev.praxis.llm.UnsupportedContentException}.
     *
     * @throws IllegalArgumentException if a part is text: text belongs in the input
     */
    public AgentRequest attach(Content... parts) {
        List<Content> all = new java.util.ArrayList<>(attachments);
        for (Content part : parts) {
            if (Objects.requireNonNull(part, "part") instanceof TextContent) {
                throw new IllegalArgumentException("text goes into the request's input, not its attachments");
            }
            all.add(part);
        }
        return new AgentRequest(input, scope, budget, runId, delegation, owner, all);
    }

    /** The parts attached to the input, in order; empty for a text-only request. */
    public List<Content> attachments() {
        return attachments;
    }

    /** The run id the caller chose, if any; without one the agent picks a random id. */
    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    /** The user's input. */
    public String input() {
        return input;
    }

    /** The session, if the run is part of a conversation. */
    public Optional<MemoryScope> scope() {
        return Optional.ofNullable(scope);
    }

    /**
     * Whom the run is for: the owner named by {@link #onBehalfOf}, else the session's tenant and
     * user; empty for a stateless request that names no one.
     */
    public Optional<Owner> owner() {
        return owner != null ? Optional.of(owner) : scope().map(MemoryScope::owner);
    }

    /** The owner named by {@link #onBehalfOf}, or null: the session's owner is then the run's. */
    Owner namedOwner() {
        return owner;
    }

    /** The agents that delegated this request; {@link Delegation#NONE} for a top-level request. */
    public Delegation delegation() {
        return delegation;
    }

    /** The budget for this request, if it overrides the agent's default. */
    public Optional<Budget> budget() {
        return Optional.ofNullable(budget);
    }

    @Override
    public String toString() {
        return "AgentRequest[scope=" + scope + ", owner=" + owner + ", budget=" + budget + ", delegation=" + delegation + ", input="
                + input.length() + " chars, " + attachments.size() + " attachments]";
    }
}
