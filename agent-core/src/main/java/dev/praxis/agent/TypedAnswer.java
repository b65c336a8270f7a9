package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.praxis.llm.output.OutputSchema;
import dev.praxis.llm.output.Parsed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a typed run accepts as its final answer: JSON that parses and validates against a
 * schema. A rejected answer is repaired inside the same run: the exact error goes back to
 * the model in a turn without tools, on the run's budget, so tools never run again for a
 * repair; after {@code maxAttempts} rejected answers the run ends FAILED. One per run,
 * confined to the run's thread; {@link #ANY} accepts every answer.
 */
final class TypedAnswer<T> {

    /** Accepts every answer: the runs of {@link LlmAgent#run(AgentRequest)}. */
    static final TypedAnswer<Object> ANY = new TypedAnswer<>(null, 1);

    private final OutputSchema<T> schema;
    private final int maxAttempts;
    private final List<String> errors = new ArrayList<>();

    TypedAnswer(OutputSchema<T> schema, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.schema = schema;
        this.maxAttempts = maxAttempts;
    }

    /** The task as sent: the request's input with the schema's instructions. */
    String task(String input) {
        return schema == null ? input : input + "\n\n" + schema.instructions();
    }

    /** Why {@code answer} is not acceptable, if it is not; each rejection counts as an attempt. */
    Optional<String> rejection(AiMessage answer) {
        if (schema == null) {
            return Optional.empty();
        }
        String error;
        if (answer.hasToolExecutionRequests()) {
            error = "tools cannot be used while the answer is corrected; reply with the JSON object itself";
        } else {
            Parsed<T> parsed = schema.parse(answer.text() == null ? "" : answer.text());
            if (parsed instanceof Parsed.Valid<T>) {
                return Optional.empty();
            }
            error = ((Parsed.Invalid<T>) parsed).error();
        }
        errors.add(error);
        return Optional.of(error);
    }

    /** Whether an answer was rejected: every later turn is a repair turn, without tools. */
    boolean repairing() {
        return !errors.isEmpty();
    }

    /** Whether another answer may be asked for. */
    boolean attemptsLeft() {
        return errors.size() < maxAttempts;
    }

    /** What the model reads after a rejected answer. */
    static String correction(String error) {
        return "Your answer was rejected: " + error + "\nReply with the corrected JSON object only;"
                + " tools are not available for this.";
    }

    /** The reason of a run that ran out of attempts. */
    String givingUp() {
        return "no valid " + schema.type().getSimpleName() + " after " + errors.size() + " attempts; last error: "
                + errors.get(errors.size() - 1);
    }

    /**
     * The typed value of a run that ended with {@code result}.
     *
     * @throws StructuredOutputException when the run did not complete or its answer does not fit
     */
    T value(AgentResult result) {
        if (!result.completed()) {
            String message = !attemptsLeft() && result.status() == Status.FAILED ? result.reason()
                    : "run ended " + result.status() + " before a typed answer: " + result.reason();
            throw new StructuredOutputException(message, result.output(), errors, result);
        }
        Parsed<T> parsed = schema.parse(result.output());
        if (parsed instanceof Parsed.Valid<T> valid) {
            return valid.value();
        }
        String error = ((Parsed.Invalid<T>) parsed).error();
        List<String> all = new ArrayList<>(errors);
        all.add(error);
        throw new StructuredOutputException("the answer no longer fits the schema after the output guards: " + error,
                result.output(), all, result);
    }
}
