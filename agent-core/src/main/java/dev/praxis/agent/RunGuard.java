package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.praxis.guard.GuardContext;
import dev.praxis.guard.GuardDecision;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies an agent's guardrails at the loop's three fixed points (input, model text — a final
 * answer or the text beside tool calls — and tool results), so the loop only asks and acts on the
 * answer. Stateless and thread-safe.
 */
final class RunGuard {

    /** What a run that tripped on its input shows instead of the input. */
    static final String WITHHELD = "[withheld by a guardrail]";

    private final String agent;
    private final Guardrails guardrails;

    RunGuard(String agent, Guardrails guardrails) {
        this.agent = agent;
        this.guardrails = guardrails;
    }

    /**
     * Checks the input. A failing guardrail counts as a trip: fail closed, since nothing has
     * run yet.
     */
    GuardDecision input(String input) {
        if (guardrails.isEmpty()) {
            return GuardDecision.pass();
        }
        try {
            return guardrails.check(input, GuardContext.input(agent));
        } catch (RuntimeException e) {
            return GuardDecision.trip("input guardrail failed: " + e.getClass().getSimpleName());
        }
    }

    /** The request the run starts from: rewritten, or emptied and stateless when tripped. */
    static AgentRequest admitted(AgentRequest request, GuardDecision input) {
        if (input instanceof GuardDecision.Trip) {
            AgentRequest withheld = request.runId().map(AgentRequest.of(WITHHELD)::withRunId)
                    .orElse(AgentRequest.of(WITHHELD));
            return request.budget().map(withheld::withBudget).orElse(withheld);
        }
        return input instanceof GuardDecision.Rewrite r ? request.withInput(r.text()) : request;
    }

    /** Checks a final answer. */
    GuardDecision output(Run run, AiMessage message) {
        String text = message.text() == null ? "" : message.text();
        return guardrails.isEmpty() ? GuardDecision.pass()
                : guardrails.check(text, GuardContext.output(agent, run.runId, run.nextStep()));
    }

    /**
     * Checks the text a model wrote beside its tool calls like a final answer, since it reaches
     * listeners, the result's steps, memory and the next prompt just as an answer does. Passes at
     * once when there are no guardrails or no text.
     */
    GuardDecision besideCalls(Run run, AiMessage message) {
        String text = message.text();
        return guardrails.isEmpty() || text == null || text.isBlank() ? GuardDecision.pass()
                : guardrails.check(text, GuardContext.output(agent, run.runId, run.nextStep()));
    }

    /**
     * The gate the partial text of one streamed model call passes on its way to {@code listener}:
     * checked by the guardrails like a final answer and held back behind the newest words, when
     * there are guardrails; passed as it comes when there are none.
     */
    PartialGate partials(String runId, int step, AgentListener listener) {
        return new PartialGate(runId, step, listener, guardrails.isEmpty() ? null
                : text -> guardrails.check(text, GuardContext.output(agent, runId, step)));
    }

    /** The tool results as the model may see them, and the reason of the first trip, if any. */
    Guarded toolResults(Run run, List<ToolCall> calls, List<ToolResult> results) {
        if (guardrails.isEmpty()) {
            return new Guarded(results, Optional.empty());
        }
        List<ToolResult> guarded = new ArrayList<>(results.size());
        Optional<String> tripped = Optional.empty();
        for (int i = 0; i < results.size(); i++) {
            ToolResult result = results.get(i);
            Optional<String> payload = payload(result);
            GuardDecision decision = payload.isEmpty() ? GuardDecision.pass() : guardrails.check(payload.get(),
                    GuardContext.toolOutput(agent, run.runId, run.nextStep(), calls.get(i)));
            if (decision instanceof GuardDecision.Trip trip) {
                if (tripped.isEmpty()) {
                    tripped = Optional.of("tool '" + calls.get(i).name() + "': " + trip.reason());
                }
                guarded.add(new ToolResult.Denied("result withheld by a guardrail: " + trip.reason()));
            } else {
                guarded.add(decision instanceof GuardDecision.Rewrite r ? replace(result, r.text()) : result);
            }
        }
        return new Guarded(guarded, tripped);
    }

    /** Releases per-run guard state. */
    void ended(String runId) {
        if (!guardrails.isEmpty()) {
            guardrails.ended(runId);
        }
    }

    /** The text a tool (not the framework) produced; outcomes such as a pending approval have none. */
    private static Optional<String> payload(ToolResult result) {
        if (result instanceof ToolResult.Ok ok) {
            return Optional.of(ok.content());
        }
        if (result instanceof ToolResult.Failed failed) {
            return Optional.of(failed.error());
        }
        return Optional.empty();
    }

    private static ToolResult replace(ToolResult result, String text) {
        if (result instanceof ToolResult.Failed failed) {
            return new ToolResult.Failed(text, failed.retriable());
        }
        return result instanceof ToolResult.Ok ok ? ok.withContent(text) : new ToolResult.Ok(text);
    }

    /** Tool results after the guard, with the reason of the first trip. */
    record Guarded(List<ToolResult> results, Optional<String> tripped) {
    }
}
