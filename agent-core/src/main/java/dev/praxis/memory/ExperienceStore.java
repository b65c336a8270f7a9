package dev.praxis.memory;

import java.util.List;

/**
 * Episodic memory: finished runs, recalled by similarity of task so an agent can reuse what
 * worked. Scoped like every memory. Thread-safe.
 *
 * <pre>{@code
 * experiences.record(scope, new Experience(task, steps, Outcome.SUCCEEDED, 1.0, Instant.now()));
 * List<RecalledExperience> similar = experiences.recallSuccessful(scope, "convert 5 km to miles", 3);
 * }</pre>
 */
public interface ExperienceStore extends Forgettable {

    /** Stores a finished run under a new id; returns the id. */
    default String record(MemoryScope scope, Experience experience) {
        String id = java.util.UUID.randomUUID().toString();
        record(scope, id, experience);
        return id;
    }

    /**
     * Stores a finished run under {@code id} in {@code scope}, replacing what was stored there
     * under that id (to update its feedback, say).
     *
     * @throws IllegalArgumentException if the id is blank
     */
    void record(MemoryScope scope, String id, Experience experience);

    /** The experience stored under {@code id} in {@code scope}, if any. */
    java.util.Optional<Experience> find(MemoryScope scope, String id);

    /**
     * The at most {@code k} successful runs in {@code scope} with non-negative feedback whose task
     * is most similar to {@code task}, best first.
     */
    List<RecalledExperience> recallSuccessful(MemoryScope scope, String task, int k);

    /** A recalled experience with its id and similarity to the asked task (cosine, -1..1). */
    record RecalledExperience(String id, Experience experience, double similarity) {
    }
}
