package dev.praxis.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.praxis.content.Parts;
import dev.praxis.knowledge.Passage;
import dev.praxis.llm.Deadline;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.state.RunState;
import dev.praxis.state.StepRecord;
import dev.praxis.tool.Delegation;
import dev.praxis.tool.ToolCaller;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The mutable state of one run: transcript, steps, usage and budget accounting. Confined to
 * the thread that runs the loop; the loop reads it, the phases update it.
 */
final class Run {

    /** What the run's deadline is called in failures. */
    static final String TIME_BUDGET = "the run's time budget";

    final String runId;
    final AgentListener listener;
    final CallJournal journal;
    /** Where this run sits among agents that start one another; its tree's stop ends the run. */
    final Delegation delegation;
    /** Where untrusted content in its context comes from; what a delegating run carried in is checkpointed. */
    private final Provenance provenance;
    // the delegation of tool calls and the sources it was made with: remade only when a source is added
    private Delegation toolDelegation;
    private Set<String> delegatedSources;
    private final String agent;
    private final String input;
    /** The session's history and what of this run memory already has. */
    private final SessionMemory session;
    // the messages of the run's model calls, made on the first call (after the history is loaded)
    private Prompt prompt;
    private final MemoryScope scope;
    private final Owner owner;
    private final Budget budget;
    private final Clock clock;
    /** When the run started (or, resumed, when it would have started), in the clock's millis. */
    private final long startedAtMillis;
    private final SystemMessage system;
    private final List<ChatMessage> transcript = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>(4); // most runs take a few steps
    private Usage usage = Usage.ZERO;
    /** When the current step started, in the clock's millis; -1 before the first. */
    private long stepStartedAtMillis = -1;
    /** What the latest model call cost, set by {@link #charge}. */
    private Usage lastSpent = Usage.ZERO;
    private String lastText = "";
    /** The latest model message, with generated ids on tool calls that came without one. */
    private AiMessage lastMessage;
    private String lastModel;
    // the model turn whose tool calls are under way: made into a PendingTurn only for a checkpoint
    private AiMessage pendingResponse; // null when no turn is pending
    private Usage pendingSpent;
    private int pendingStep;
    private long pendingMillis;
    private Step shownPending;
    /** The version of the last checkpoint of this run; the next save uses one more. */
    long savedVersion;
    private final Grounding grounding;
    /** Passages retrieved into the prompt, and the message that carries them. */
    private InjectedKnowledge knowledge = InjectedKnowledge.NONE;
    /** What the run accepts as its final answer; a typed run repairs other answers in place. */
    private TypedAnswer<?> typed = TypedAnswer.ANY;

    Run(String agent, AgentRequest request, Budget budget, ConversationMemory memory, SystemMessage system,
        AgentListener listener, Clock clock, int maxDepth, Grounding grounding) {
        this.grounding = grounding;
        this.runId = request.runId().orElseGet(RunIds::next);
        this.agent = agent;
        this.delegation = request.delegation().enter(agent, maxDepth);
        this.provenance = new Provenance(request.delegation().untrusted());
        this.input = request.input();
        this.scope = request.scope().orElse(null);
        this.owner = request.namedOwner(); // null: the state takes the session's owner
        this.session = SessionMemory.starting(memory, scope, request.delegation().untrusted());
        this.budget = budget;
        this.listener = listener;
        this.clock = clock;
        this.startedAtMillis = clock.millis();
        this.journal = new CallJournal(List.of(), List.of());
        this.system = system;
        transcript.add(userMessage(request));
    }

    /**
     * A run continued from {@code state}; memory receives only what happens from now on. The
     * delegation chain is not part of the state: a resumed run is a top-level run, but the
     * untrusted sources its request carried are, so it stays gated like before.
     */
    Run(RunState state, ConversationMemory memory, SystemMessage system, AgentListener listener, Clock clock,
        int maxDepth, Grounding grounding) {
        this.grounding = grounding;
        this.knowledge = InjectedKnowledge.of(state.extensions());
        this.runId = state.runId();
        this.agent = state.agent();
        this.delegation = Delegation.NONE.enter(agent, maxDepth);
        this.provenance = Provenance.of(state);
        this.input = state.input();
        this.scope = state.scope().orElse(null);
        this.owner = state.owner().orElse(null);
        this.session = SessionMemory.resuming(memory, scope, state.history(), state.remembered(), provenance.carried());
        this.budget = new Budget(state.limits().maxSteps(), state.limits().maxTokens(),
                Duration.ofMillis(state.limits().maxTimeMillis()), state.limits().maxCost(),
                state.limits().maxToolCalls());
        this.listener = listener;
        this.clock = clock;
        this.startedAtMillis = clock.millis() - state.elapsed();
        this.journal = new CallJournal(state.calls(), state.approvals());
        this.system = system;
        transcript.addAll(state.transcript());
        for (StepRecord step : state.steps()) {
            steps.add(new Step(step.index(), step.response(), step.calls(), step.results(),
                    usage(step.usage()), Duration.ofMillis(step.millis())));
            if (step.response().text() != null && !step.response().text().isBlank()) {
                lastText = step.response().text();
            }
        }
        this.usage = usage(state.usage());
        state.pending().ifPresent(turn -> {
            pendingResponse = turn.response();
            pendingSpent = usage(turn.usage());
            pendingStep = turn.step();
            pendingMillis = turn.millis();
            stepStartedAtMillis = clock.millis() - turn.millis();
        });
        this.savedVersion = state.version();
    }

    /**
     * Reads what the run needs from conversation memory: a new run its session's history, a
     * resumed one whether memory already has its last turns. Called inside the loop's guard, so
     * a failing memory ends the run FAILED instead of escaping.
     */
    void open() {
        session.open(transcript);
    }

    /** Puts {@code passages}, carried by {@code message}, into every prompt of this run. */
    void know(List<Passage> passages, String message) {
        knowledge = InjectedKnowledge.of(passages, message);
    }

    boolean hasKnowledge() {
        return knowledge.present();
    }

    /** The (possibly redacted) input the run works on. */
    String input() {
        return input;
    }

    private Map<String, JsonNode> extensions() {
        Map<String, JsonNode> extensions = new java.util.HashMap<>();
        knowledge.extension().ifPresent(node -> extensions.put(InjectedKnowledge.EXTENSION, node));
        provenance.extension().ifPresent(sources -> extensions.put(Provenance.EXTENSION, sources));
        return extensions;
    }

    /** Makes this a typed run: final answers must fit {@code answer}. */
    void expect(TypedAnswer<?> answer) {
        this.typed = answer;
    }

    TypedAnswer<?> typed() {
        return typed;
    }

    /** The latest model message, its tool calls all with ids. */
    AiMessage lastMessage() {
        return lastMessage;
    }

    /** This run as a state to store, {@code phase} with {@code outcome} and {@code reason}. */
    RunState snapshot(RunState.Phase phase, String outcome, String reason, long version) {
        List<StepRecord> records = steps.stream().map(s -> new StepRecord(s.index(), s.response(), s.calls(),
                s.results(), tokens(s.usage()), s.duration().toMillis())).toList();
        return new RunState(runId, agent, phase, outcome, reason, input, Optional.ofNullable(scope),
                Optional.ofNullable(owner), session.history(), transcript, session.remembered(), records, tokens(usage),
                clock.millis() - startedAtMillis,
                new RunState.Limits(budget.maxSteps(), budget.maxTokens(), maxTimeMillis(), budget.maxCost(),
                        budget.maxToolCalls()),
                pendingTurn(), journal.calls(), journal.approvals(), extensions(), version, clock.instant());
    }

    /**
     * The delegation a tool call of this run sees: the run's chain, carrying the sources of every
     * untrusted content in the run's context (marked in its remembered history or transcript, or
     * carried in by its request), so containment and sub-agents know what may steer the model.
     */
    Delegation toolDelegation() {
        Set<String> sources = provenance.sources(session.historySources(), transcript, knowledge.message());
        if (sources != delegatedSources) {
            toolDelegation = delegation.withUntrusted(sources);
            delegatedSources = sources;
        }
        return toolDelegation;
    }

    /** The model turn whose calls were not all answered when the run stopped, if any. */
    Optional<RunState.PendingTurn> pendingTurn() {
        return pendingResponse == null ? Optional.empty()
                : Optional.of(new RunState.PendingTurn(pendingStep, pendingResponse, tokens(pendingSpent), pendingMillis));
    }

    /** Whether a model turn's tool calls are under way (begun, or resumed from a checkpoint). */
    boolean turnPending() {
        return pendingResponse != null;
    }

    /** The response of the pending turn; see {@link #turnPending}. */
    AiMessage pendingResponse() {
        return pendingResponse;
    }

    /** What the pending turn's model call cost; see {@link #turnPending}. */
    Usage pendingSpent() {
        return pendingSpent;
    }

    /** Notes that the model asked for the tool calls in {@code response}, before any runs. */
    void beginTurn(AiMessage response, Usage spent) {
        pendingResponse = response;
        pendingSpent = spent;
        pendingStep = nextStep();
        pendingMillis = stepStartedAtMillis < 0 ? 0 : clock.millis() - stepStartedAtMillis;
    }

    int nextStep() {
        return steps.size() + 1;
    }

    MemoryScope scope() {
        return scope;
    }

    String session() {
        return scope == null ? "" : scope.session();
    }

    /** The context of this step's tool calls, with the time the run has left as their deadline. */
    ToolContext toolContext() {
        return toolContext(nextStep());
    }

    /**
     * The context of step {@code step}'s tool calls. Their deadline is the time this run has
     * left, or the deadline bound to this thread if that is earlier (a run inside another
     * run's tool call ends with the outer run).
     */
    ToolContext toolContext(int step) {
        return toolContext(step, ToolCaller.NONE);
    }

    /** The context of this step's tool calls, {@code caller} the party they talk back to. */
    ToolContext toolContext(ToolCaller caller) {
        return toolContext(nextStep(), caller);
    }

    private ToolContext toolContext(int step, ToolCaller caller) {
        Deadline own = Deadline.after(timeLeft(), TIME_BUDGET);
        Deadline outer = Deadline.current().orElse(null);
        boolean earlier = outer != null && outer.remaining().compareTo(own.remaining()) < 0;
        return new ToolContext(runId, step, scope, "", toolDelegation(), caller, earlier ? outer : own);
    }

    /** The user's turn: the input, then its attachments in the form every provider mapper knows. */
    private static UserMessage userMessage(AgentRequest request) {
        if (request.attachments().isEmpty()) {
            return UserMessage.from(request.input());
        }
        List<Content> parts = new ArrayList<>(request.attachments().size() + 1);
        if (!request.input().isBlank()) {
            parts.add(TextContent.from(request.input()));
        }
        request.attachments().forEach(part -> parts.add(Parts.forModel(part)));
        return UserMessage.from(parts);
    }

    /**
     * The whole prompt for the next model call: system, remembered history, this run so far. The
     * same list on every call, updated in place: copy it (a request builder does) and do not keep it.
     */
    List<ChatMessage> messages() {
        stepStartedAtMillis = clock.millis();
        if (prompt == null) {
            prompt = new Prompt(system, session.history());
        }
        return prompt.messages(knowledge.message(), transcript);
    }

    /** The steps recorded so far. */
    List<Step> steps() {
        return steps;
    }

    /** Tool calls made so far (asked for and answered, whether they ran or not). */
    int toolCallsUsed() {
        int used = 0;
        for (int i = 0; i < steps.size(); i++) {
            used += steps.get(i).results().size();
        }
        return used;
    }

    /** Whether {@code calls} more tool calls still fit the budget. */
    boolean toolCallsLeft(int calls) {
        return (long) toolCallsUsed() + calls <= budget.maxToolCalls();
    }

    /**
     * What the next model call is the last chance for, if it is: the step budget allows only it,
     * or no tool call is left. Empty while tools may still be used, and on a run's first step
     * (a one-step budget means one plain call).
     */
    Optional<String> lastCall() {
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        if (steps.size() == budget.maxSteps() - 1) {
            return Optional.of("step budget: this is step " + nextStep() + " of " + budget.maxSteps());
        }
        if (!toolCallsLeft(1)) {
            return Optional.of("tool-call budget: all " + budget.maxToolCalls() + " tool calls are used");
        }
        return Optional.empty();
    }

    /** The limit that is used up before the next model call, if any. */
    Optional<String> exhaustedBudget() {
        Optional<String> stopped = delegation.stopped();
        if (stopped.isPresent()) {
            return stopped;
        }
        if (steps.size() >= budget.maxSteps()) {
            return Optional.of("step budget exhausted: " + steps.size() + " of " + budget.maxSteps() + " steps used");
        }
        Optional<String> tokens = exhaustedTokens();
        return tokens.isPresent() ? tokens : exhaustedTime();
    }

    Optional<String> exhaustedTokens() {
        if (usage.cost().compareTo(budget.maxCost()) >= 0) {
            return Optional.of("cost budget exhausted: " + usage.cost().toPlainString() + " of "
                    + budget.maxCost().toPlainString() + " spent");
        }
        if (usage.totalTokens() >= budget.maxTokens()) {
            return Optional.of("token budget exhausted: " + usage.totalTokens() + " of " + budget.maxTokens()
                    + " tokens used");
        }
        return Optional.empty();
    }

    /** The time this run has left; zero once its time budget is spent. */
    Duration timeLeft() {
        long left = maxTimeMillis() - (clock.millis() - startedAtMillis);
        return left <= 0 ? Duration.ZERO : Duration.ofMillis(left);
    }

    Optional<String> exhaustedTime() {
        long elapsed = clock.millis() - startedAtMillis;
        long allowed = maxTimeMillis();
        if (elapsed >= allowed) {
            return Optional.of("time budget exhausted: " + elapsed + " ms of " + allowed + " ms elapsed");
        }
        return Optional.empty();
    }

    void charge(Usage spent, ChatResponse response) {
        lastSpent = spent;
        usage = usage.plus(spent);
        lastModel = response.modelName() == null ? lastModel : response.modelName();
        lastMessage = CallIds.named(response.aiMessage(), runId, nextStep());
        String text = response.aiMessage().text();
        if (text != null && !text.isBlank()) {
            lastText = text;
        }
    }

    /** Why the model must not be called with {@code request}: its cost estimate does not fit the budget. */
    Optional<String> unaffordable(CostCheck costs, ChatRequest request) {
        return costs.refusal(request, usage, budget, lastModel);
    }

    /**
     * Records a step whose tool calls ran: {@code response}, then what {@code answer} makes of each
     * call and its result, enter the transcript (and memory) together.
     */
    void recordActed(AiMessage response, Usage spent, List<ToolCall> calls, List<ToolResult> results,
                     BiFunction<ToolCall, ToolResult, ChatMessage> answer) {
        pendingResponse = null;
        pendingSpent = null;
        transcript.add(response);
        for (int i = 0; i < calls.size(); i++) {
            transcript.add(answer.apply(calls.get(i), results.get(i)));
        }
        steps.add(new Step(nextStep(), response, calls, results, spent, sinceStepStart()));
    }

    /** The tool calls {@code response} asks for, in order. */
    static List<ToolCall> callsOf(AiMessage response) {
        List<ToolExecutionRequest> requests = response.toolExecutionRequests();
        if (requests.size() == 1) {
            return List.of(ToolCall.from(requests.get(0)));
        }
        ToolCall[] calls = new ToolCall[requests.size()];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = ToolCall.from(requests.get(i));
        }
        return List.of(calls);
    }

    /** Records a step that ends the run: a final answer, or tool calls that will not run. */
    void recordFinal(AiMessage response, Usage spent) {
        List<ToolCall> calls = response.hasToolExecutionRequests() ? callsOf(response) : List.of();
        if (calls.isEmpty()) {
            transcript.add(response);
            lastText = response.text() == null ? lastText : response.text();
        }
        steps.add(new Step(nextStep(), response, calls, List.of(), spent, sinceStepStart()));
    }

    /**
     * Records an answer a typed run rejected, then {@code correction}: both enter the
     * transcript, so the next (tool-less) call sees what was wrong. Tool calls in a repair turn
     * are answered as not run.
     */
    void recordRepair(AiMessage response, Usage spent, String correction) {
        List<ToolCall> calls = response.hasToolExecutionRequests() ? callsOf(response) : List.of();
        List<ToolResult> results = new ArrayList<>(calls.size());
        transcript.add(response);
        for (ToolCall call : calls) {
            ToolResult refused = new ToolResult.Failed("not run: tools are not available while the answer is"
                    + " corrected", false);
            results.add(refused);
            transcript.add(ToolExecutionResultMessage.from(call.id(), call.name(), refused.text()));
        }
        transcript.add(UserMessage.from(correction));
        steps.add(new Step(nextStep(), response, calls, results, spent, sinceStepStart()));
    }

    /** Records a final answer that a guardrail stopped: it reaches neither the output nor memory. */
    void recordWithheld(Usage spent) {
        lastText = "";
        steps.add(new Step(nextStep(), AiMessage.from(RunGuard.WITHHELD), List.of(), List.of(), spent,
                sinceStepStart()));
    }

    AgentResult result(Status status, String reason) {
        List<Passage> citations = status == Status.COMPLETED ? grounding.citations(lastText, knowledge.passages(), steps)
                : List.of();
        // the answer's provenance: whatever untrusted content was in the context that made it
        Set<String> untrusted = toolDelegation().untrusted();
        if (shownPending != null) {
            List<Step> all = new ArrayList<>(steps);
            all.add(shownPending);
            return new AgentResult(runId, status, lastText, all, usage, reason, citations, untrusted);
        }
        return new AgentResult(runId, status, lastText, steps, usage, reason, citations, untrusted);
    }

    /**
     * Shows the turn that waits for approval as the last step of the result (with its
     * {@code AwaitingApproval} results), without making it part of the run: on resume the turn
     * is acted on again with the person's decisions.
     */
    void showPendingStep(List<ToolCall> calls, List<ToolResult> results) {
        shownPending = new Step(nextStep(), pendingResponse, calls, results, pendingSpent, sinceStepStart());
    }

    /** What a checkpoint's {@code tokens} spent, cost included. */
    static Usage usage(RunState.Tokens tokens) {
        return new Usage(tokens.input(), tokens.output(), tokens.cost());
    }

    private static RunState.Tokens tokens(Usage usage) {
        return new RunState.Tokens(usage.inputTokens(), usage.outputTokens(), usage.cost());
    }

    /** What the latest model call cost, as charged. */
    Usage lastSpent() {
        return lastSpent;
    }

    private Duration sinceStepStart() {
        return stepStartedAtMillis < 0 ? Duration.ZERO : Duration.ofMillis(clock.millis() - stepStartedAtMillis);
    }

    private long maxTimeMillis() {
        try {
            return budget.maxTime().toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Writes the transcript messages memory does not have yet. Called after each checkpoint,
     * so a stored state always knows which messages may be missing from memory.
     */
    void commitMemory() {
        session.commit(transcript);
    }
}
