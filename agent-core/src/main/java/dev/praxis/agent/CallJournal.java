package dev.praxis.agent;

import dev.praxis.state.CallRecord;
import dev.praxis.state.PendingApproval;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's record of side-effecting tool calls (started, finished with a result) and of
 * calls waiting for a person, keyed by idempotency key. Thread-safe, since the calls of one
 * step may finish on several threads.
 */
final class CallJournal {

    // empty until first used: most runs journal nothing, and a run should not pay for two maps
    private Map<String, CallRecord> calls = Map.of();
    private Map<String, PendingApproval> approvals = Map.of();

    CallJournal(List<CallRecord> recorded, List<PendingApproval> waiting) {
        // indexed: a new run passes empty lists, and iterating them would still allocate
        for (int i = 0; i < recorded.size(); i++) {
            writableCalls().put(recorded.get(i).key(), recorded.get(i));
        }
        for (int i = 0; i < waiting.size(); i++) {
            writableApprovals().put(waiting.get(i).key(), waiting.get(i));
        }
    }

    synchronized Optional<CallRecord> get(String key) {
        return Optional.ofNullable(calls.get(key));
    }

    synchronized void started(String key, int step, ToolCall call) {
        writableCalls().put(key, CallRecord.started(key, step, call));
    }

    synchronized void finished(String key, int step, ToolCall call, ToolResult result) {
        writableCalls().put(key, CallRecord.started(key, step, call).finished(result));
    }

    /**
     * Records {@code result} for a call still marked started; returns false (and changes
     * nothing) when the call was settled meanwhile, e.g. the step gave up waiting for it.
     */
    synchronized boolean finishIfStarted(String key, int step, ToolCall call, ToolResult result) {
        CallRecord record = calls.get(key);
        if (record == null || record.status() != CallRecord.CallStatus.STARTED) {
            return false;
        }
        writableCalls().put(key, CallRecord.started(key, step, call).finished(result));
        return true;
    }

    synchronized void forget(String key) {
        writableCalls().remove(key);
    }

    synchronized void awaiting(PendingApproval approval) {
        writableApprovals().put(approval.key(), approval);
    }

    private Map<String, CallRecord> writableCalls() {
        if (!(calls instanceof LinkedHashMap)) {
            calls = new LinkedHashMap<>();
        }
        return calls;
    }

    private Map<String, PendingApproval> writableApprovals() {
        if (!(approvals instanceof LinkedHashMap)) {
            approvals = new LinkedHashMap<>();
        }
        return approvals;
    }

    synchronized void decided(String key) {
        writableApprovals().remove(key);
    }

    synchronized List<CallRecord> calls() {
        return List.copyOf(calls.values());
    }

    synchronized List<PendingApproval> approvals() {
        return List.copyOf(approvals.values());
    }

    synchronized boolean awaitingApproval() {
        return !approvals.isEmpty();
    }

    synchronized boolean isEmpty() {
        return calls.isEmpty() && approvals.isEmpty();
    }

    /**
     * Turns every call still marked started (it was running when the process stopped) into a
     * finished call whose result tells the model it may or may not have taken effect, and
     * returns those calls. They are reported, never run again.
     */
    synchronized List<ToolCall> interruptInFlight() {
        List<ToolCall> interrupted = new ArrayList<>();
        for (CallRecord record : List.copyOf(calls.values())) {
            if (record.status() == CallRecord.CallStatus.STARTED) {
                interrupted.add(record.call());
                writableCalls().put(record.key(), record.finished(new ToolResult.Failed("the call to '" + record.call().name()
                        + "' was in flight when the run was interrupted (process stopped); it may or may not have"
                        + " taken effect. It was not repeated: check its effect before calling it again.", false)));
            }
        }
        return interrupted;
    }
}
