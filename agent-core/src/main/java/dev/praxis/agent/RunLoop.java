package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.content.Parts;
import dev.praxis.guard.GuardDecision;
import dev.praxis.state.PendingApproval;
import dev.praxis.tool.ApprovalHandler;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The phases of {@link LlmAgent}'s loop for one agent's runs: perceive (build the prompt),
 * reason (call the model), act (run the requested tools). Each turn returns a {@link Next};
 * the loop only dispatches on it, and {@link RunEnd} ends the run. Holds only the agent's
 * immutable collaborators; each run's state is in its {@link Run}. Thread-safe.
 */
final class RunLoop {

    private final Toolbox toolbox;
    private final AgentListener listener;
    /** False when no listener is set: events are then not even made. */
    private final boolean listening;
    private final Clock clock;
    private final ModelCall model;
    private final RunGuard guard;
    private final Checkpoints checkpoints;
    private final CostCheck costs;
    private final RunEnd end;
    private final Repeats repeats;
    /** Whether the last model call a budget allows is made without tools, asking for an answer now. */
    private final boolean finalAnswer;
    // built once: ChatRequest would otherwise build parameters and copy the specs on every call
    private final ChatRequestParameters toolParameters;
    // made once, so a turn makes no lambda
    private final Function<Run, Next> turn = this::turn;
    /** Whether nobody hears what a tool says while it runs: no listener, no approval handler. */
    private final boolean unheard;

    RunLoop(Toolbox toolbox, AgentListener listener, Clock clock, ModelCall model, RunGuard guard,
            Checkpoints checkpoints, CostCheck costs, RunEnd end, Repeats repeats, boolean finalAnswer) {
        this.repeats = repeats;
        this.finalAnswer = finalAnswer;
        this.toolbox = toolbox;
        this.listener = listener;
        this.listening = listener != AgentListener.NONE;
        this.clock = clock;
        this.model = model;
        this.guard = guard;
        this.checkpoints = checkpoints;
        this.costs = costs;
        this.end = end;
        this.unheard = !listening && toolbox.approvalHandler() == ApprovalHandler.NOBODY;
        this.toolParameters = toolbox.isEmpty() ? null
                : ChatRequestParameters.builder().toolSpecifications(toolbox.specs()).build();
    }

    /** {@code step} with the run's caller, which turns what a tool says while it runs into events and approvals. */
    private ToolContext heard(ToolContext step) {
        return step.withCaller(new RunCaller(listener, step, toolbox.approvalHandler()));
    }

    /** Takes turns until one answers, pauses or stops, then ends the run; never throws (see {@link RunEnd}). */
    AgentResult loop(Run run) {
        Next next = Next.CONTINUE;
        while (next instanceof Next.Continue) {
            next = end.guarded(run, turn);
        }
        return end.end(run, next);
    }

    /** Runs {@code first} (starting or resuming a run), then the loop unless it already decided. */
    AgentResult loop(Run run, Supplier<Next> first) {
        Next next = end.guarded(run, first);
        return next instanceof Next.Continue ? loop(run) : end.end(run, next);
    }

    /** One turn: perceive, reason, then answer or act. */
    private Next turn(Run run) {
        Optional<String> exhausted = run.exhaustedBudget();
        if (exhausted.isPresent()) {
            return Next.stop(Status.BUDGET_EXHAUSTED, exhausted.get());
        }
        if (Thread.currentThread().isInterrupted()) {
            return Next.stop(Status.CANCELLED, "cancelled: the run's thread was interrupted");
        }
        Optional<String> lastCall = finalAnswer ? run.lastCall() : Optional.empty();
        ChatRequest request = perceive(run, lastCall);
        exhausted = run.unaffordable(costs, request);
        if (exhausted.isPresent()) {
            return Next.stop(Status.BUDGET_EXHAUSTED, exhausted.get());
        }
        Reasoned reasoned = reason(run, request);
        if (!(reasoned.next() instanceof Next.Continue)) {
            return reasoned.next();
        }
        AiMessage message = run.lastMessage();
        if (lastCall.isPresent()) {
            return answerNow(run, message, lastCall.get(), reasoned.answer());
        }
        if (!message.hasToolExecutionRequests() || run.typed().repairing()) {
            return answer(run, message, run.lastSpent(), reasoned.answer());
        }
        exhausted = run.exhaustedTokens();
        if (exhausted.isPresent()) {
            run.recordFinal(message, run.lastSpent());
            return Next.stop(Status.BUDGET_EXHAUSTED, exhausted.get() + "; requested tool calls were not run");
        }
        return act(run, message, run.lastSpent());
    }

    /** The prompt; for the last call a budget allows, without tools and asking for an answer now. */
    private ChatRequest perceive(Run run, Optional<String> lastCall) {
        List<ChatMessage> messages = run.messages();
        if (lastCall.isPresent()) {
            messages = new ArrayList<>(messages);
            messages.add(UserMessage.from("You cannot use tools any more (" + lastCall.get() + "). Answer now with"
                    + " the best answer you can give from what you have; say what is missing, if anything."));
        }
        boolean tools = toolParameters != null && lastCall.isEmpty() && !run.typed().repairing();
        ChatRequest.Builder builder = ChatRequest.builder().messages(messages);
        if (tools) {
            builder.parameters(toolParameters);
        }
        ChatRequest request = builder.build();
        if (listening) {
            listener.on(new AgentEvent.Perceived(run.runId, run.nextStep(), request));
        }
        return request;
    }

    /**
     * What {@link #reason} decided: CONTINUE or a stop, and, when the reply is an answer (no tool
     * calls), the output guard's decision on it, made once, before anyone outside the run sees it.
     */
    private record Reasoned(Next next, GuardDecision answer) {
        /** Go on, nothing for the output guard to say: most turns. */
        static final Reasoned GO_ON = new Reasoned(Next.CONTINUE, GuardDecision.pass());
    }

    /**
     * Calls the model; CONTINUE with the reply charged to the run, or a stop naming the failure.
     * An answer passes the output guard first, so {@code ModelCalled} shows it as the guard left it
     * (withheld or rewritten): listeners see no more of a leaking answer than the caller does. So
     * does the text beside tool calls, before the run records it; a trip there stops the run
     * before the calls run.
     */
    private Reasoned reason(Run run, ChatRequest request) {
        long start = clock.millis();
        ChatResponse response;
        try {
            response = model.call(run.runId, run.nextStep(), request, run.timeLeft());
        } catch (RuntimeException e) {
            return new Reasoned(stop(ModelEnding.afterFailure(run.nextStep(), e, Thread.currentThread().isInterrupted())),
                    GuardDecision.pass());
        }
        if (response == null || response.aiMessage() == null) {
            return new Reasoned(stop(ModelEnding.afterFailure(run.nextStep(), null, false)), GuardDecision.pass());
        }
        Usage usage = model.usage(response);
        boolean acts = response.aiMessage().hasToolExecutionRequests();
        GuardDecision beside = acts ? guard.besideCalls(run, response.aiMessage()) : GuardDecision.pass();
        run.charge(usage, rewritten(response, beside));
        long latency = clock.millis() - start;
        AiMessage message = run.lastMessage();
        GuardDecision checked = acts ? beside : guard.output(run, message);
        if (listening) {
            listener.on(new AgentEvent.ModelCalled(run.runId, run.nextStep(), shown(message, checked), usage,
                    Duration.ofMillis(latency)));
        }
        if (acts && checked instanceof GuardDecision.Trip trip) {
            run.recordWithheld(run.lastSpent());
            return new Reasoned(Next.stop(Status.GUARDRAIL_TRIPPED, "output: " + trip.reason()), checked);
        }
        Optional<ModelEnding.Ending> cut = ModelEnding.afterResponse(run, run.nextStep(), response);
        if (cut.isPresent()) {
            // a cut-off answer is the output of a failed run: it passes the same guard
            if (checked instanceof GuardDecision.Trip) {
                run.recordWithheld(run.lastSpent());
            } else {
                run.recordFinal(shown(message, checked), run.lastSpent());
            }
            return new Reasoned(stop(cut.get()), checked);
        }
        // a reply with tool calls is no answer: its guarded text is already in it
        GuardDecision answer = acts ? GuardDecision.pass() : checked;
        return answer == GuardDecision.PASS ? Reasoned.GO_ON : new Reasoned(Next.CONTINUE, answer);
    }

    /** {@code response} with the text beside its tool calls as {@code beside}, the output guard, left it. */
    private static ChatResponse rewritten(ChatResponse response, GuardDecision beside) {
        return beside instanceof GuardDecision.Rewrite r
                ? response.toBuilder().aiMessage(response.aiMessage().toBuilder().text(r.text()).build()).build()
                : response;
    }

    /** {@code message} as the output guard left it (a reply with tool calls already carries a rewrite). */
    private static AiMessage shown(AiMessage message, GuardDecision checked) {
        if (checked instanceof GuardDecision.Trip) {
            return AiMessage.from(RunGuard.WITHHELD);
        }
        return checked instanceof GuardDecision.Rewrite r && !message.hasToolExecutionRequests()
                ? AiMessage.from(r.text()) : message;
    }

    private static Next stop(ModelEnding.Ending ending) {
        return Next.stop(ending.status(), ending.reason());
    }

    /**
     * Records {@code message} as the final answer, as {@code output} (the guard's decision on it)
     * allows; a typed answer that does not fit goes to repair as the guard left it, too.
     */
    private Next answer(Run run, AiMessage message, Usage usage, GuardDecision output) {
        if (output instanceof GuardDecision.Trip trip) {
            run.recordWithheld(usage);
            return Next.stop(Status.GUARDRAIL_TRIPPED, "output: " + trip.reason());
        }
        AiMessage shown = shown(message, output);
        Optional<String> rejected = run.typed().rejection(message);
        if (rejected.isPresent()) {
            return repair(run, shown, usage, rejected.get());
        }
        run.recordFinal(shown, usage);
        return Next.ANSWER;
    }

    /**
     * A typed run's answer did not fit: the error goes back to the model for a repair turn in
     * this run (without tools, on its budget), or the run ends FAILED when no attempt is left.
     */
    private static Next repair(Run run, AiMessage message, Usage usage, String error) {
        if (!run.typed().attemptsLeft()) {
            run.recordFinal(message, usage);
            return Next.stop(Status.FAILED, run.typed().givingUp());
        }
        run.recordRepair(message, usage, TypedAnswer.correction(error));
        return Next.CONTINUE;
    }

    /**
     * The answer to the last call a budget allowed, made without tools: a final answer
     * completes the run (its reason says it was asked for); more tool calls end it
     * BUDGET_EXHAUSTED without running them.
     */
    private Next answerNow(Run run, AiMessage message, String why, GuardDecision output) {
        if (message.hasToolExecutionRequests()) {
            run.recordFinal(message, run.lastSpent());
            return Next.stop(Status.BUDGET_EXHAUSTED, why + "; asked to answer without tools, the model asked for"
                    + " tools again, which were not run");
        }
        Next answered = answer(run, message, run.lastSpent(), output);
        return answered instanceof Next.Answer
                ? new Next.Answer("final answer, asked for without tools (" + why + ")") : answered;
    }

    /**
     * Runs the step's tool calls: CONTINUE, or the run pauses for approval or stops (a guard
     * tripped, a call repeated past the loop threshold, no tool calls left).
     */
    Next act(Run run, AiMessage message, Usage usage) {
        List<ToolCall> calls = Run.callsOf(message);
        ToolContext context = unheard ? run.toolContext(RunCaller.UNHEARD) : heard(run.toolContext());
        Repeats.Verdict repeated = repeats.check(run, calls);
        if (!run.turnPending()) {
            if (repeated.stops()) {
                run.recordFinal(message, usage);
                return Next.stop(Status.LOOP_DETECTED, repeated.stop());
            }
            if (!run.toolCallsLeft(calls.size())) {
                run.recordFinal(message, usage);
                return Next.stop(Status.BUDGET_EXHAUSTED, "tool-call budget exhausted: " + run.toolCallsUsed()
                        + " calls made, " + calls.size() + " more requested, which were not run");
            }
            run.beginTurn(message, usage);
            checkpoints.save(run);
        }
        StepHook hook = checkpoints.hook(run);
        announce(run, context, calls);
        List<ToolResult> results = checkpoints.execute(run, calls, context, toolbox, hook, repeated.refused());
        report(run, context, calls, results, hook);
        if (run.journal.awaitingApproval()) {
            run.showPendingStep(calls, results);
            return Next.PAUSE;
        }
        RunGuard.Guarded guarded = guard.toolResults(run, calls, results);
        results = guarded.results();
        run.recordActed(message, usage, calls, results, RunLoop::resultMessage);
        checkpoints.save(run);
        Optional<String> tripped = guarded.tripped();
        return tripped.isPresent() ? Next.stop(Status.GUARDRAIL_TRIPPED, tripped.get())
                : outOfTime(run, context, calls, hook);
    }

    /**
     * BUDGET_EXHAUSTED when the run's time ran out during the step's tool calls, naming the
     * calls that were abandoned at the run's deadline; otherwise CONTINUE.
     */
    private static Next outOfTime(Run run, ToolContext context, List<ToolCall> calls, StepHook hook) {
        Optional<String> out = run.exhaustedTime();
        if (out.isEmpty()) {
            return Next.CONTINUE;
        }
        List<String> abandoned = new ArrayList<>();
        List<String> late = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            String key = Checkpoints.key(context, calls.get(i), i);
            if (hook.abandoned(key)) {
                abandoned.add("'" + calls.get(i).name() + "'");
            } else if (hook.late(key)) {
                late.add("'" + calls.get(i).name() + "'");
            }
        }
        String reason = out.get();
        if (!abandoned.isEmpty()) {
            reason += " while tool " + String.join(", ", abandoned) + " ran; abandoned at the run's deadline (not"
                    + " interrupted), it may still take effect";
        }
        if (!late.isEmpty()) {
            reason += (abandoned.isEmpty() ? " while tool " : "; tool ") + String.join(", ", late) + " ran; it returned"
                    + " only after the run's deadline";
        }
        return Next.stop(Status.BUDGET_EXHAUSTED, reason);
    }

    /** The message that answers {@code call}: its text, then its attachments as the model's parts. */
    private static ToolExecutionResultMessage resultMessage(ToolCall call, ToolResult result) {
        if (!(result instanceof ToolResult.Ok ok) || ok.attachments().isEmpty()) {
            return ToolExecutionResultMessage.from(call.id(), call.name(), result.text());
        }
        List<Content> parts = new ArrayList<>(ok.attachments().size() + 1);
        if (!ok.content().isBlank()) {
            parts.add(TextContent.from(ok.content()));
        }
        ok.attachments().forEach(part -> parts.add(Parts.forModel(part)));
        return ToolExecutionResultMessage.builder().id(call.id()).toolName(call.name()).contents(parts).build();
    }

    private void announce(Run run, ToolContext context, List<ToolCall> calls) {
        if (listening) {
            for (ToolCall call : calls) {
                listener.on(new AgentEvent.ToolStarted(run.runId, context.step(), call));
            }
        }
    }

    private void report(Run run, ToolContext context, List<ToolCall> calls, List<ToolResult> results, StepHook hook) {
        if (!listening) {
            return;
        }
        for (int i = 0; i < calls.size(); i++) {
            String key = Checkpoints.key(context, calls.get(i), i);
            if (hook.abandoned(key)) {
                listener.on(new AgentEvent.ToolAbandoned(run.runId, context.step(), calls.get(i), hook.duration(key),
                        results.get(i).text()));
            }
            listener.on(new AgentEvent.ToolFinished(run.runId, context.step(), calls.get(i), results.get(i),
                    hook.duration(key)));
        }
    }

    /** The reason a paused run gives: which calls wait for a person. */
    static String pauseReason(Run run) {
        List<PendingApproval> waiting = run.journal.approvals();
        return "waiting for a person to decide on " + waiting.size() + " call(s): "
                + waiting.stream().map(p -> p.call().name() + " [" + p.key() + "]").collect(Collectors.joining(", "));
    }
}
