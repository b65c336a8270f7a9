package dev.praxis.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Loop detection: how often the model already asked, in this run, for the very same call
 * (same tool, same arguments, key order and spacing aside). At {@code threshold} the call does
 * not run and the model is told why; asked again after that, the run stops
 * {@link Status#LOOP_DETECTED}. Stateless: counts come from the run's recorded steps, so a
 * resumed run counts on. Thread-safe.
 */
final class Repeats {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int threshold;

    /** Detects the {@code threshold}-th identical call; 0 turns detection off. */
    Repeats(int threshold) {
        this.threshold = threshold;
    }

    /** The verdict on the calls of one step. */
    record Verdict(List<ToolResult> refused, String stop) {
        Verdict {
            refused = java.util.Collections.unmodifiableList(new ArrayList<>(refused)); // holds nulls: calls that run
        }

        /** Whether the run must stop ({@link #stop} says why). */
        boolean stops() {
            return stop != null;
        }
    }

    /**
     * Per call, the answer it gets instead of running (null: it runs); or a stop reason when a
     * call was asked for again after the model had been told.
     */
    Verdict check(Run run, List<ToolCall> calls) {
        List<ToolResult> refused = new ArrayList<>(calls.size());
        if (threshold == 0) {
            calls.forEach(c -> refused.add(null));
            return new Verdict(refused, null);
        }
        List<Signature> asked = new ArrayList<>();
        for (Step step : run.steps()) {
            step.calls().forEach(c -> asked.add(Signature.of(c)));
        }
        for (ToolCall call : calls) {
            Signature signature = Signature.of(call);
            long before = asked.stream().filter(signature::equals).count();
            asked.add(signature);
            if (before >= threshold) {
                while (refused.size() < calls.size()) {
                    refused.add(null);
                }
                return new Verdict(refused, "loop detected: the model asked for '" + call.name() + "' with the same"
                        + " arguments " + (before + 1) + " times, after being told to stop at " + threshold);
            }
            refused.add(before == threshold - 1 ? new ToolResult.Failed("not run: you already called '" + call.name()
                    + "' with exactly these arguments " + before + " time(s) in this run and got the results above."
                    + " Calling it again will not change them. Answer with what you have, or try something different;"
                    + " asking for this call again ends the run.", false) : null);
        }
        return new Verdict(refused, null);
    }

    /** A call's identity for loop detection: tool name and parsed arguments. */
    private record Signature(String name, Object arguments) {
        static Signature of(ToolCall call) {
            Object args;
            try {
                JsonNode tree = JSON.readTree(call.arguments());
                args = tree == null ? call.arguments() : tree;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                args = call.arguments(); // malformed: compared as text
            }
            return new Signature(call.name(), Objects.requireNonNull(args));
        }
    }
}
