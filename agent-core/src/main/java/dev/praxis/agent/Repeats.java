package dev.praxis.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Loop detection: how often the model already asked, in this run, for the very same call
 * (same tool, same arguments, key order and spacing aside). At {@code threshold} the call does
 * not run and the model is told why; asked again after that, the run stops
 * {@link Status#LOOP_DETECTED}. Stateless: counts come from the run's recorded steps, so a
 * resumed run counts on. Arguments are compared as text first and parsed only where the text
 * differs for the same tool, so a step costs no parsing in the common case. Thread-safe.
 */
final class Repeats {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int threshold;

    /** Detects the {@code threshold}-th identical call; 0 turns detection off. */
    Repeats(int threshold) {
        this.threshold = threshold;
    }

    /**
     * The verdict on the calls of one step.
     *
     * @param refused per call, the answer it gets instead of running (null: it runs); empty when every call runs
     * @param stop    why the run must stop, or null
     */
    record Verdict(List<ToolResult> refused, String stop) {
        /** Every call runs and the run goes on. */
        static final Verdict NONE = new Verdict(List.of(), null);

        Verdict {
            refused = refused.isEmpty() ? List.of()
                    : java.util.Collections.unmodifiableList(new ArrayList<>(refused)); // holds nulls: calls that run
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
        if (threshold == 0) {
            return Verdict.NONE;
        }
        List<ToolResult> refused = List.of(); // made when a call is refused
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            long before = timesAsked(call, run.steps(), calls, i);
            if (before >= threshold) {
                return new Verdict(refused, "loop detected: the model asked for '" + call.name() + "' with the same"
                        + " arguments " + (before + 1) + " times, after being told to stop at " + threshold);
            }
            if (before == threshold - 1) {
                if (refused.isEmpty()) {
                    refused = new ArrayList<>(calls.size());
                    for (int j = 0; j < calls.size(); j++) {
                        refused.add(null);
                    }
                }
                refused.set(i, new ToolResult.Failed("not run: you already called '" + call.name()
                        + "' with exactly these arguments " + before + " time(s) in this run and got the results above."
                        + " Calling it again will not change them. Answer with what you have, or try something different;"
                        + " asking for this call again ends the run.", false));
            }
        }
        return refused.isEmpty() ? Verdict.NONE : new Verdict(refused, null);
    }

    /** How often {@code call} was asked for in {@code steps}, and in its own step before position {@code at}. */
    private static long timesAsked(ToolCall call, List<Step> steps, List<ToolCall> step, int at) {
        Arguments arguments = null; // made at the first earlier call of the same tool
        long times = 0;
        for (int s = 0; s <= steps.size(); s++) {
            List<ToolCall> asked = s < steps.size() ? steps.get(s).calls() : step;
            int upTo = s < steps.size() ? asked.size() : at;
            for (int i = 0; i < upTo; i++) {
                ToolCall other = asked.get(i);
                if (other.name().equals(call.name())) {
                    arguments = arguments == null ? new Arguments(call.arguments()) : arguments;
                    times += arguments.same(other.arguments()) ? 1 : 0;
                }
            }
        }
        return times;
    }

    /**
     * A call's arguments for loop detection: the same text is the same call; other text is read
     * as JSON only when it must be compared (same tool), so key order and spacing do not count and
     * a step does not parse the run's earlier calls again. Malformed text compares as text.
     */
    private static final class Arguments {
        private final String text;
        private JsonNode tree;
        private boolean parsed;

        Arguments(String text) {
            this.text = text;
        }

        boolean same(String other) {
            if (text.equals(other)) {
                return true;
            }
            if (!parsed) {
                tree = parse(text);
                parsed = true;
            }
            return tree != null && tree.equals(parse(other));
        }

        private static JsonNode parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return null;
            }
        }
    }
}
