package dev.praxis.distributed;

import java.util.Objects;

/**
 * A step of a distributed run as published on the events topic (keyed by run id): a compact,
 * serialisable view of an {@code AgentEvent}. Tool arguments and results are not published,
 * only tool names and result kinds, since the topic is usually read more widely than the runs.
 * At least once: a run resumed after a worker died repeats the events of the step it resumed.
 *
 * @param runId  the run
 * @param type   the {@code AgentEvent} type: {@code RunStarted}, {@code Resumed}, {@code ModelCalled},
 *               {@code ToolStarted}, {@code ToolFinished}, {@code Completed}, {@code Stopped}, ...
 * @param step   the step it belongs to, or 0 for run-level events
 * @param detail a short description (tool name, result kind, status)
 * @param worker the id of the worker that ran it
 */
public record RunEvent(String runId, String type, int step, String detail, String worker) {

    /** Rejects nulls. */
    public RunEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(worker, "worker");
    }
}
