package dev.praxis.tools.a2a;

import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.memory.MemoryScope;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.events.EventQueue;
import io.a2a.server.tasks.TaskUpdater;
import io.a2a.spec.JSONRPCError;
import io.a2a.spec.Part;
import io.a2a.spec.TaskNotCancelableError;
import io.a2a.spec.TextPart;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The SDK's {@link AgentExecutor} for a Praxis {@link Agent}: each message runs the agent to
 * its end in the A2A context's session (memory tenant {@code a2a}), and the task follows the
 * run: {@code completed} with the answer as an artifact, {@code input-required} while it waits
 * for approval, {@code rejected} when a guardrail stopped it, {@code canceled} or
 * {@code failed} with the reason.
 */
final class PraxisAgentExecutor implements AgentExecutor {

    private static final Pattern CONTEXT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Agent agent;

    PraxisAgentExecutor(Agent agent) {
        this.agent = agent;
    }

    @Override
    public void execute(RequestContext context, EventQueue queue) throws JSONRPCError {
        TaskUpdater task = new TaskUpdater(context, queue);
        if (context.getTask() == null) {
            task.submit();
        }
        task.startWork();
        String text = context.getUserInput("\n");
        AgentRequest request = AgentRequest.of(text);
        if (context.getContextId() != null && CONTEXT_ID.matcher(context.getContextId()).matches()) {
            request = request.inSession(new MemoryScope("a2a", "remote", "a2a", context.getContextId()));
        }
        AgentResult result = agent.run(request);
        switch (result.status()) {
            case COMPLETED -> {
                task.addArtifact(List.<Part<?>>of(new TextPart(result.output())), null, "answer", null);
                task.complete();
            }
            case AWAITING_APPROVAL -> task.requiresInput(say(task, result));
            case GUARDRAIL_TRIPPED -> task.reject(say(task, result));
            case CANCELLED -> task.cancel(say(task, result));
            case BUDGET_EXHAUSTED, FAILED, LOOP_DETECTED -> task.fail(say(task, result));
        }
    }

    @Override
    public void cancel(RequestContext context, EventQueue queue) throws JSONRPCError {
        // a run is synchronous to its end; there is nothing to stop from outside
        throw new TaskNotCancelableError();
    }

    private static io.a2a.spec.Message say(TaskUpdater task, AgentResult result) {
        return task.newAgentMessage(List.of(new TextPart(result.status() + ": " + result.reason())), null);
    }
}
