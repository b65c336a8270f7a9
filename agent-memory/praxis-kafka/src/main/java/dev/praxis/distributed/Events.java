package dev.praxis.distributed;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentResult;
import dev.praxis.state.PendingApproval;

import java.util.List;

/** Turns {@code AgentEvent}s and results into the records workers publish. */
final class Events {

    private Events() {
    }

    static RunEvent describe(AgentEvent event, String worker) {
        String type = event.getClass().getSimpleName();
        if (event instanceof AgentEvent.ModelCalled e) {
            return new RunEvent(e.runId(), type, e.step(), e.response().hasToolExecutionRequests()
                    ? e.response().toolExecutionRequests().size() + " tool call(s)" : "answer", worker);
        }
        if (event instanceof AgentEvent.ToolStarted e) {
            return new RunEvent(e.runId(), type, e.step(), e.call().name(), worker);
        }
        if (event instanceof AgentEvent.ToolFinished e) {
            return new RunEvent(e.runId(), type, e.step(), e.call().name() + ": " + e.result().getClass().getSimpleName(),
                    worker);
        }
        if (event instanceof AgentEvent.Resumed e) {
            return new RunEvent(e.runId(), type, e.step(), e.inFlight().size() + " call(s) were in flight", worker);
        }
        if (event instanceof AgentEvent.Perceived e) {
            return new RunEvent(e.runId(), type, e.step(), e.messages() + " message(s)", worker);
        }
        if (event instanceof AgentEvent.Completed e) {
            return new RunEvent(e.runId(), type, e.result().steps().size(), "COMPLETED", worker);
        }
        if (event instanceof AgentEvent.Stopped e) {
            return new RunEvent(e.runId(), type, e.result().steps().size(), e.result().status().name(), worker);
        }
        return new RunEvent(event.runId(), type, 0, "", worker);
    }

    static RunOutcome outcome(AgentResult result, String agent, String session, List<PendingApproval> pending,
                              String worker) {
        return new RunOutcome(result.runId(), agent, session, result.status(), result.output(), result.reason(),
                result.steps().size(), result.usage().inputTokens(), result.usage().outputTokens(),
                pending.stream().map(p -> new RunOutcome.Pending(p.key(), p.call().name(), p.question())).toList(),
                worker, result.citations(), result.untrusted());
    }
}
