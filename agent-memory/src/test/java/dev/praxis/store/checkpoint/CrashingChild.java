package dev.praxis.store.checkpoint;

import dev.praxis.agent.AgentRequest;
import dev.praxis.state.CheckpointStore;
import dev.praxis.store.sqlite.SqliteStore;

import java.nio.file.Path;

/**
 * The child JVM of {@link CrashResumeTest}: runs the payments agent and waits to be killed at
 * the point its fourth argument names (see {@link Pauses}).
 */
public final class CrashingChild {

    private CrashingChild() {
    }

    /** Arguments: checkpoint database, bank database, memory database, pause specification. */
    public static void main(String[] args) {
        CheckpointStore store = SqliteStore.open(Path.of(args[0])).checkpoints();
        var agent = Payments.agent(Path.of(args[1]), store, Payments.memory(SqliteStore.open(Path.of(args[2]))),
                Pauses.at(args[3], store));
        var result = agent.run(AgentRequest.of("Move 10 from account A to account B, then notify the owner.")
                .inSession(Payments.SESSION));
        System.out.println("FINISHED " + result.status());
    }
}
