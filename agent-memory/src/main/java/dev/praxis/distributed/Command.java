package dev.praxis.distributed;

import dev.praxis.state.Decision;

import java.util.Objects;

/** What a record on the requests topic asks a worker to do. */
sealed interface Command {

    /** The run the command is about. */
    String runId();

    /** Start (or, after a worker died, continue) the run {@code runId}. */
    record Start(String runId, RunRequest request) implements Command {
        public Start {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(request, "request");
        }
    }

    /** Apply a person's decision to the calls {@code runId} waits for, and continue it. */
    record Decide(String runId, String session, Decision decision) implements Command {
        public Decide {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(decision, "decision");
        }
    }
}
