package dev.praxis.env;

import java.util.Objects;

/**
 * One task for an agent: an id, the prompt it is given, and how its answer is judged.
 *
 * @param id      unique within a task set
 * @param prompt  what the agent is asked
 * @param checker judges the answer
 */
public record Task(String id, String prompt, Checker checker) {

    /** Rejects nulls and blank ids or prompts. */
    public Task {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a task needs an id");
        }
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("task '" + id + "' needs a prompt");
        }
        Objects.requireNonNull(checker, "checker");
    }
}
