package dev.praxis.store.checkpoint;

import dev.praxis.agent.AgentRequest;
import dev.praxis.state.CallRecord;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.store.sqlite.SqliteStore;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The child JVM of {@link CrashResumeTest}: runs the payments agent and waits to be killed at
 * the point named by its fourth argument, {@code point[&point...][+tool...]}: once every named
 * point is reached (calls of one step run in parallel, so several can be reached at once) and
 * every named tool's call is journalled as finished, it prints {@code PAUSED <argument>}.
 */
public final class CrashingChild {

    private CrashingChild() {
    }

    /** Arguments: checkpoint database, bank database, memory database, pause specification. */
    public static void main(String[] args) {
        String spec = args[3];
        String[] parts = spec.split("\\+");
        Set<String> points = Set.of(parts[0].split("&"));
        List<String> finishedTools = parts.length > 1 ? List.of(parts[1].split("&")) : List.of();
        Set<String> reached = ConcurrentHashMap.newKeySet();
        CheckpointStore store = SqliteCheckpointStore.open(Path.of(args[0]));
        var agent = Payments.agent(Path.of(args[1]), store, Payments.memory(SqliteStore.open(Path.of(args[2]))), point -> {
            if (points.contains(point)) {
                reached.add(point);
                if (reached.size() == points.size()) {
                    waitForFinished(store, finishedTools);
                    System.out.println("PAUSED " + spec);
                    System.out.flush();
                }
                sleepForever();
            }
        });
        var result = agent.run(AgentRequest.of("Move 10 from account A to account B, then notify the owner.")
                .inSession(Payments.SESSION));
        System.out.println("FINISHED " + result.status());
    }

    private static void waitForFinished(CheckpointStore store, List<String> tools) {
        while (!tools.isEmpty()) {
            List<String> running = store.runIds(RunState.Phase.RUNNING);
            if (!running.isEmpty() && store.load(running.get(0)).orElseThrow().calls().stream()
                    .filter(c -> c.status() == CallRecord.CallStatus.FINISHED)
                    .map(c -> c.call().name()).toList().containsAll(tools)) {
                return;
            }
            sleep(5);
        }
    }

    private static void sleepForever() {
        sleep(Long.MAX_VALUE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
