package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The mutable state of one run: transcript, steps, usage and budget accounting. Confined to
 * the thread that runs the loop; the loop reads it, the phases update it.
 */
final class Run {

    final String runId = UUID.randomUUID().toString();
    final AgentListener listener;
    private final MemoryScope scope;
    private final ConversationMemory memory;
    private final Budget budget;
    private final Clock clock;
    private final Instant startedAt;
    private final List<ChatMessage> prefix = new ArrayList<>();
    private final List<ChatMessage> transcript = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private Usage usage = Usage.ZERO;
    private Instant stepStartedAt;
    private String lastText = "";

    Run(AgentRequest request, Budget budget, ConversationMemory memory, Optional<String> systemPrompt,
        AgentListener listener, Clock clock) {
        this.scope = request.scope().orElse(null);
        this.memory = memory;
        this.budget = budget;
        this.listener = listener;
        this.clock = clock;
        this.startedAt = clock.instant();
        systemPrompt.ifPresent(text -> prefix.add(SystemMessage.from(text)));
        if (scope != null) {
            prefix.addAll(memory.messages(scope));
        }
        UserMessage user = UserMessage.from(request.input());
        transcript.add(user);
        remember(List.of(user));
    }

    int nextStep() {
        return steps.size() + 1;
    }

    String session() {
        return scope == null ? "" : scope.session();
    }

    ToolContext toolContext() {
        return new ToolContext(runId, nextStep(), scope);
    }

    /** The whole prompt for the next model call: system, remembered history, this run so far. */
    List<ChatMessage> messages() {
        stepStartedAt = clock.instant();
        List<ChatMessage> all = new ArrayList<>(prefix.size() + transcript.size());
        all.addAll(prefix);
        all.addAll(transcript);
        return all;
    }

    /** The limit that is used up before the next model call, if any. */
    Optional<String> exhaustedBudget() {
        if (steps.size() >= budget.maxSteps()) {
            return Optional.of("step budget exhausted: " + steps.size() + " of " + budget.maxSteps() + " steps used");
        }
        return exhaustedTokens().or(this::exhaustedTime);
    }

    Optional<String> exhaustedTokens() {
        if (usage.totalTokens() >= budget.maxTokens()) {
            return Optional.of("token budget exhausted: " + usage.totalTokens() + " of " + budget.maxTokens()
                    + " tokens used");
        }
        return Optional.empty();
    }

    private Optional<String> exhaustedTime() {
        Duration elapsed = Duration.between(startedAt, clock.instant());
        if (elapsed.compareTo(budget.maxTime()) >= 0) {
            return Optional.of("time budget exhausted: " + elapsed.toMillis() + " ms of " + budget.maxTime().toMillis()
                    + " ms elapsed");
        }
        return Optional.empty();
    }

    void charge(Usage spent, AiMessage response) {
        usage = usage.plus(spent);
        if (response.text() != null && !response.text().isBlank()) {
            lastText = response.text();
        }
    }

    /** Records a step whose tool calls ran; the call and its results enter memory together. */
    void recordActed(AiMessage response, Usage spent, List<ToolCall> calls, List<ToolResult> results,
                     List<ChatMessage> turn) {
        transcript.addAll(turn);
        remember(turn);
        steps.add(new Step(nextStep(), response, calls, results, spent, sinceStepStart()));
    }

    /** Records a step that ends the run: a final answer, or tool calls that will not run. */
    void recordFinal(AiMessage response, Usage spent) {
        List<ToolCall> calls = response.hasToolExecutionRequests()
                ? response.toolExecutionRequests().stream().map(ToolCall::from).toList()
                : List.of();
        if (calls.isEmpty()) {
            transcript.add(response);
            remember(List.of(response));
            lastText = response.text() == null ? lastText : response.text();
        }
        steps.add(new Step(nextStep(), response, calls, List.of(), spent, sinceStepStart()));
    }

    /** Records a final answer that a guardrail stopped: it reaches neither the output nor memory. */
    void recordWithheld(Usage spent) {
        lastText = "";
        steps.add(new Step(nextStep(), AiMessage.from(RunGuard.WITHHELD), List.of(), List.of(), spent,
                sinceStepStart()));
    }

    AgentResult result(Status status, String reason) {
        return new AgentResult(runId, status, lastText, steps, usage, reason);
    }

    private Duration sinceStepStart() {
        return stepStartedAt == null ? Duration.ZERO : Duration.between(stepStartedAt, clock.instant());
    }

    private void remember(List<ChatMessage> turn) {
        if (scope != null) {
            memory.append(scope, turn);
        }
    }
}
