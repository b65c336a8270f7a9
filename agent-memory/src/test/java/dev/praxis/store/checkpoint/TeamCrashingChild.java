package dev.praxis.store.checkpoint;

import dev.praxis.state.CheckpointStore;
import dev.praxis.team.Blackboard;
import dev.praxis.store.sqlite.SqliteStore;

import java.nio.file.Path;

/**
 * The child JVM of {@link TeamCrashResumeTest}: runs the {@link Desk} team and waits to be
 * killed at the point its third argument names (see {@link Pauses}).
 */
public final class TeamCrashingChild {

    private TeamCrashingChild() {
    }

    /** Arguments: checkpoint database, bank database, pause specification. */
    public static void main(String[] args) {
        CheckpointStore store = SqliteStore.open(Path.of(args[0])).checkpoints();
        var team = Desk.team(Path.of(args[1]), store, new Blackboard(), Pauses.at(args[2], store));
        var result = team.run("Move 10 from account A to account B, then notify the owner.");
        System.out.println("FINISHED " + result.status());
    }
}
