package dev.praxis.distributed;

import dev.praxis.agent.AgentRequest;
import dev.praxis.tool.ApprovalDecision;

import java.util.Objects;

/** What a record on the requests topic asks a worker to do. */
sealed interface Command {

    /** The run the command is about. */
    String runId();

    /** Rejects a run id the agent would refuse (it names a checkpoint: no paths, no control characters). */
    private static void checkRunId(String runId) {
        AgentRequest.of("").withRunId(runId);
    }

    /** Start (or, after a worker died, continue) the run {@code runId}. */
    record Start(String runId, RunRequest request) implements Command {
        public Start {
            checkRunId(runId);
            Objects.requireNonNull(request, "request");
        }
    }

    /** Apply a person's decision to the calls {@code runId} waits for, and continue it. */
    record Decide(String runId, String session, ApprovalDecision decision) implements Command {
        public Decide {
            checkRunId(runId);
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(decision, "decision");
        }
    }
}
