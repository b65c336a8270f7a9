package dev.praxis.store.checkpoint;

import dev.praxis.state.CallRecord;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The pause points of the crash children. A specification {@code point[&point...][+tool...]}
 * pauses every thread that reaches a named point; once all named points are reached (calls of
 * one step run in parallel, so several can be at once) and every named tool's call is
 * journalled as finished in some running run, it prints {@code PAUSED <specification>} for the
 * parent, which then kills the process.
 */
final class Pauses {

    private Pauses() {
    }

    static Consumer<String> at(String spec, CheckpointStore store) {
        String[] parts = spec.split("\\+");
        Set<String> points = Set.of(parts[0].split("&"));
        List<String> finishedTools = parts.length > 1 ? List.of(parts[1].split("&")) : List.of();
        Set<String> reached = ConcurrentHashMap.newKeySet();
        return point -> {
            if (points.contains(point)) {
                reached.add(point);
                if (reached.size() == points.size()) {
                    waitForFinished(store, finishedTools);
                    System.out.println("PAUSED " + spec);
                    System.out.flush();
                }
                sleep(Long.MAX_VALUE);
            }
        };
    }

    private static void waitForFinished(CheckpointStore store, List<String> tools) {
        while (!tools.isEmpty() && !finished(store).containsAll(tools)) {
            sleep(5);
        }
    }

    private static List<String> finished(CheckpointStore store) {
        return store.runIds(RunState.Phase.RUNNING).stream()
                .flatMap(id -> store.load(id).stream())
                .flatMap(state -> state.calls().stream())
                .filter(c -> c.status() == CallRecord.CallStatus.FINISHED)
                .map(c -> c.call().name()).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
