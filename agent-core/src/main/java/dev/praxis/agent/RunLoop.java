package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.guard.GuardDecision;
import dev.praxis.state.PendingApproval;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolObserver;
import dev.praxis.tool.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The phases of {@link LlmAgent}'s loop for one agent's runs: perceive (build the prompt),
 * reason (call the model), act (run the requested tools), and how a run ends. Holds only the
 * agent's immutable collaborators; each run's state is in its {@link Run}. Thread-safe.
 */
final class RunLoop {

    private static final Logger log = LoggerFactory.getLogger(LlmAgent.class);

    private final String name;
    private final Toolbox toolbox;
    private final AgentListener listener;
    /** False when no listener is set: events are then not even made. */
    private final boolean listening;
    private final Clock clock;
    private final ModelCall model;
    private final RunGuard guard;
    private final Checkpoints checkpoints;
    private final CostCheck costs;
    // built once: ChatRequest would otherwise build parameters and copy the specs on every call
    private final ChatRequestParameters toolParameters;

    RunLoop(String name, Toolbox toolbox, AgentListener listener, Clock clock, ModelCall model, RunGuard guard,
            Checkpoints checkpoints, CostCheck costs) {
        this.name = name;
        this.toolbox = toolbox;
        this.listener = listener;
        this.listening = listener != AgentListener.NONE;
        this.clock = clock;
        this.model = model;
        this.guard = guard;
        this.checkpoints = checkpoints;
        this.costs = costs;
        this.toolParameters = toolbox.isEmpty() ? null
                : ChatRequestParameters.builder().toolSpecifications(toolbox.specs()).build();
    }

    /** Steps {@code run} until it answers, pauses or stops; never throws for model, tool or budget failures. */
    AgentResult loop(Run run) {
        try {
            while (true) {
                Optional<String> exhausted = run.exhaustedBudget();
                if (exhausted.isPresent()) {
                    return end(run, Status.BUDGET_EXHAUSTED, exhausted.get());
                }
                if (Thread.currentThread().isInterrupted()) {
                    return end(run, Status.CANCELLED, "cancelled: the run's thread was interrupted");
                }
                ChatRequest request = perceive(run);
                exhausted = run.unaffordable(costs, request);
                if (exhausted.isPresent()) {
                    return end(run, Status.BUDGET_EXHAUSTED, exhausted.get());
                }
                ChatResponse response = reason(run, request);
                AiMessage message = response.aiMessage();
                Optional<ModelEnding.Ending> cut = ModelEnding.afterResponse(run, run.nextStep(), response);
                if (cut.isPresent()) {
                    run.recordFinal(message, run.lastSpent());
                    return end(run, cut.get().status(), cut.get().reason());
                }
                if (!message.hasToolExecutionRequests()) {
                    return answer(run, message, run.lastSpent());
                }
                exhausted = run.exhaustedTokens();
                if (exhausted.isPresent()) {
                    run.recordFinal(message, run.lastSpent());
                    return end(run, Status.BUDGET_EXHAUSTED, exhausted.get() + "; requested tool calls were not run");
                }
                Optional<AgentResult> ended = act(run, message, run.lastSpent());
                if (ended.isPresent()) {
                    return ended.get();
                }
            }
        } catch (ModelFailure e) {
            ModelEnding.Ending ending = ModelEnding.afterFailure(run.nextStep(), e.getCause(),
                    Thread.currentThread().isInterrupted());
            return end(run, ending.status(), ending.reason());
        } catch (RuntimeException e) {
            return fail(run, e);
        }
    }

    /** Ends {@code run} as failed inside the framework, logging why. */
    AgentResult fail(Run run, RuntimeException e) {
        log.warn("run {} of agent '{}' failed inside the framework", run.runId, name, e);
        return end(run, Status.FAILED, "internal failure at step " + run.nextStep() + ": " + describe(e));
    }

    private ChatRequest perceive(Run run) {
        List<ChatMessage> messages = run.messages();
        if (listening) {
            listener.on(new AgentEvent.Perceived(run.runId, run.nextStep(), messages.size(), toolbox.specs().size()));
        }
        ChatRequest.Builder request = ChatRequest.builder().messages(messages);
        if (toolParameters != null) {
            request.parameters(toolParameters);
        }
        return request.build();
    }

    private ChatResponse reason(Run run, ChatRequest request) {
        long start = clock.millis();
        ChatResponse response;
        try {
            response = model.call(run.runId, run.nextStep(), request, run.timeLeft());
        } catch (RuntimeException e) {
            throw new ModelFailure("model call failed at step " + run.nextStep() + ": " + describe(e), e);
        }
        if (response == null || response.aiMessage() == null) {
            throw new ModelFailure("model call failed at step " + run.nextStep() + ": the client returned no message", null);
        }
        Usage usage = model.usage(response);
        run.charge(usage, response);
        if (listening) {
            listener.on(new AgentEvent.ModelCalled(run.runId, run.nextStep(), response.aiMessage(), usage,
                    Duration.ofMillis(clock.millis() - start)));
        }
        return response;
    }

    private AgentResult answer(Run run, AiMessage message, Usage usage) {
        GuardDecision output = guard.output(run, message);
        if (output instanceof GuardDecision.Trip trip) {
            run.recordWithheld(usage);
            return end(run, Status.GUARDRAIL_TRIPPED, "output: " + trip.reason());
        }
        run.recordFinal(output instanceof GuardDecision.Rewrite r ? AiMessage.from(r.text()) : message, usage);
        return end(run, Status.COMPLETED, "final answer");
    }

    /** Runs the step's tool calls; returns a result if the run ends here (guard tripped, approval needed). */
    Optional<AgentResult> act(Run run, AiMessage message, Usage usage) {
        List<ToolCall> calls = Run.callsOf(message);
        ToolContext context = run.toolContext();
        if (run.pendingTurn().isEmpty()) {
            run.beginTurn(message, usage);
            checkpoints.save(run);
        }
        List<ToolResult> results = checkpoints.execute(run, calls, context, observer(run, context), toolbox);
        if (run.journal.awaitingApproval()) {
            return Optional.of(pause(run, calls, results));
        }
        RunGuard.Guarded guarded = guard.toolResults(run, calls, results);
        results = guarded.results();
        List<ChatMessage> turn = new ArrayList<>(calls.size() + 1);
        turn.add(message);
        for (int i = 0; i < calls.size(); i++) {
            turn.add(ToolExecutionResultMessage.from(calls.get(i).toRequest(), results.get(i).text()));
        }
        run.recordActed(message, usage, calls, results, turn);
        checkpoints.save(run);
        return guarded.tripped().map(reason -> end(run, Status.GUARDRAIL_TRIPPED, reason));
    }

    /** Reports the step's tool calls to the listener; nothing to do (and nothing made) without one. */
    private ToolObserver observer(Run run, ToolContext context) {
        if (!listening) {
            return ToolObserver.NONE;
        }
        return new ToolObserver() {
            @Override
            public void started(ToolCall call) {
                listener.on(new AgentEvent.ToolStarted(run.runId, context.step(), call));
            }

            @Override
            public void finished(ToolCall call, ToolResult result, Duration duration) {
                listener.on(new AgentEvent.ToolFinished(run.runId, context.step(), call, result, duration));
            }
        };
    }

    private AgentResult pause(Run run, List<ToolCall> calls, List<ToolResult> results) {
        run.showPendingStep(calls, results);
        return pause(run);
    }

    /** Ends {@code run} as waiting for a person to decide on its pending calls. */
    AgentResult pause(Run run) {
        List<PendingApproval> waiting = run.journal.approvals();
        return end(run, Status.AWAITING_APPROVAL, "waiting for a person to decide on " + waiting.size() + " call(s): "
                + waiting.stream().map(p -> p.call().name() + " [" + p.key() + "]").collect(Collectors.joining(", ")));
    }

    /** Ends {@code run} with {@code status}: records the end, tells the listener, returns the result. */
    AgentResult end(Run run, Status status, String reason) {
        if (status != Status.AWAITING_APPROVAL) {
            guard.ended(run.runId); // a paused run keeps its guard state for resume
        }
        AgentResult result = run.result(status, reason);
        try {
            checkpoints.ended(run, result);
        } catch (RuntimeException e) {
            log.warn("could not save the end of run {} or write its last turn to memory; resume retries the memory"
                    + " write from the last checkpoint", run.runId, e);
        }
        AgentEvent event = status == Status.COMPLETED
                ? new AgentEvent.Completed(run.runId, result)
                : new AgentEvent.Stopped(run.runId, result);
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            if (status == Status.FAILED) {
                log.warn("listener failed while reporting the failure of run {}", run.runId, e);
                return result;
            }
            throw e;
        }
        return result;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** Marks a failure of the model call, as opposed to one inside the framework. */
    private static final class ModelFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ModelFailure(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
