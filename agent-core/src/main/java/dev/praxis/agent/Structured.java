package dev.praxis.agent;

import dev.praxis.llm.output.OutputSchema;
import dev.praxis.llm.output.Parsed;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs an agent until it answers with a value of a given type. The task goes out with the
 * schema's instructions; an answer that is not valid JSON for the schema is sent back with
 * the exact error, up to {@code maxAttempts} answers in all; then a
 * {@link StructuredOutputException} carries the raw answer. An {@link LlmAgent} repairs the
 * answer inside the same run (a turn without tools, on the run's budget; see
 * {@link LlmAgent#run(String, Class)}), so its tools never run again for a repair; any other
 * {@link Agent} is run again with the error appended to the task.
 *
 * <pre>{@code
 * record Verdict(boolean approve, String reason) {}
 * Verdict v = Structured.run(agent, AgentRequest.of("Review this refund: ..."), OutputSchema.of(Verdict.class), 3);
 * }</pre>
 */
public final class Structured {

    private Structured() {
    }

    /**
     * The typed answer to {@code request}.
     *
     * @throws StructuredOutputException when a run does not complete or no attempt's answer fits
     */
    public static <T> T run(Agent agent, AgentRequest request, OutputSchema<T> schema, int maxAttempts) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(schema, "schema");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (agent instanceof LlmAgent llmAgent) {
            return llmAgent.run(request, new TypedAnswer<>(schema, maxAttempts));
        }
        String task = request.input() + "\n\n" + schema.instructions();
        List<String> errors = new ArrayList<>();
        AgentRequest attempt = request.withInput(task);
        for (int i = 1; ; i++) {
            AgentResult result = agent.run(attempt);
            if (!result.completed()) {
                throw new StructuredOutputException("run ended " + result.status() + " before a typed answer: "
                        + result.reason(), result.output(), errors, result);
            }
            Parsed<T> parsed = schema.parse(result.output());
            if (parsed instanceof Parsed.Valid<T> valid) {
                return valid.value();
            }
            String error = ((Parsed.Invalid<T>) parsed).error();
            errors.add(error);
            if (i >= maxAttempts) {
                throw new StructuredOutputException("no valid " + schema.type().getSimpleName() + " after " + i
                        + " attempts; last error: " + error, result.output(), errors, result);
            }
            attempt = request.withInput(task + "\n\nYour previous answer was:\n" + result.output()
                    + "\n\nIt was rejected: " + error + "\nReply with the corrected JSON object only.");
        }
    }
}
