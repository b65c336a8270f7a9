package dev.praxis.env;

import dev.praxis.memory.ExperienceStore;
import dev.praxis.memory.MemoryScope;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * In-context learning from experience: finds the best past trajectories for tasks similar to
 * the current one and renders them as worked examples for a prompt.
 *
 * <pre>{@code
 * var replay = ExperienceReplay.from(store).limit(3).minReward(1.0);
 * Policy<String, String> policy = LlmPolicy.builder(llm, env).experience(replay).build();
 * }</pre>
 *
 * <p>From a {@link TrajectoryStore}, similarity is the Jaccard overlap of the tasks' lower-cased
 * words; only trajectories with total reward at least {@code minReward} and no negative
 * feedback qualify; ties go to the higher reward, then the newer run. From the memory
 * module's {@link ExperienceStore}, that store's own recall of successful runs with
 * non-negative feedback decides (by embedding similarity), and {@code minReward} and
 * {@code minSimilarity} do not apply. Immutable and thread-safe if the store is.
 */
public final class ExperienceReplay {

    /** One worked example: a task and the lines of what was done (one line: the answer). */
    private record Example(String task, List<String> actions) {
    }

    private final TrajectoryStore store;
    private final ExperienceStore experiences;
    private final MemoryScope scope;
    private final int limit;
    private final double minReward;
    private final double minSimilarity;

    private ExperienceReplay(TrajectoryStore store, ExperienceStore experiences, MemoryScope scope, int limit,
                             double minReward, double minSimilarity) {
        this.store = store;
        this.experiences = experiences;
        this.scope = scope;
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
        this.minReward = minReward;
        this.minSimilarity = minSimilarity;
    }

    /** Replay from {@code store}: up to 3 examples with reward at least 1 and word overlap at least 0.2. */
    public static ExperienceReplay from(TrajectoryStore store) {
        return new ExperienceReplay(Objects.requireNonNull(store, "store"), null, null, 3, 1.0, 0.2);
    }

    /**
     * Replay from the episodic memory of {@code scope} in {@code store} (see
     * {@link Trajectory#toExperience}), up to 3 examples.
     */
    public static ExperienceReplay from(ExperienceStore store, MemoryScope scope) {
        return new ExperienceReplay(null, Objects.requireNonNull(store, "store"), Objects.requireNonNull(scope, "scope"),
                3, 1.0, 0.2);
    }

    /** At most {@code examples} examples per prompt. */
    public ExperienceReplay limit(int examples) {
        return new ExperienceReplay(store, experiences, scope, examples, minReward, minSimilarity);
    }

    /** Only trajectories whose total reward is at least {@code reward}. */
    public ExperienceReplay minReward(double reward) {
        return new ExperienceReplay(store, experiences, scope, limit, reward, minSimilarity);
    }

    /** Only tasks whose word overlap with the current one is at least {@code similarity} (0..1). */
    public ExperienceReplay minSimilarity(double similarity) {
        return new ExperienceReplay(store, experiences, scope, limit, minReward, similarity);
    }

    /**
     * The best qualifying trajectories for {@code task}, best first.
     *
     * @throws IllegalStateException if this replay reads an {@link ExperienceStore}, which keeps
     *                               experiences, not trajectories
     */
    public List<Trajectory> recall(String task) {
        if (store == null) {
            throw new IllegalStateException("this replay reads an ExperienceStore: use examplesFor(task)");
        }
        Set<String> words = words(task);
        List<Trajectory> all = store.all();
        return all.stream()
                .filter(t -> t.totalReward() >= minReward)
                .filter(t -> t.feedbackScore().orElse(0) >= 0)
                .filter(t -> similarity(words, words(t.task())) >= minSimilarity)
                .sorted(Comparator.comparingDouble((Trajectory t) -> similarity(words, words(t.task()))).reversed()
                        .thenComparing(Comparator.comparingDouble(Trajectory::totalReward).reversed())
                        .thenComparing(Comparator.comparing(Trajectory::startedAt).reversed()))
                .limit(limit)
                .toList();
    }

    /** The examples for {@code task} as a prompt section, or {@code ""} when there are none. */
    public String examplesFor(String task) {
        List<Example> examples = store != null
                ? recall(task).stream().map(t -> new Example(t.task(),
                        t.steps().stream().map(TrajectoryStep::action).toList())).toList()
                : experiences.recallSuccessful(scope, task, limit).stream()
                        .map(r -> new Example(r.experience().task(), r.experience().steps())).toList();
        if (examples.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("Examples of similar tasks solved well before:\n");
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            text.append("\nExample ").append(i + 1).append("\nTask: ").append(example.task().strip()).append('\n');
            List<String> actions = example.actions();
            if (actions.size() == 1) {
                text.append("Answer: ").append(actions.get(0)).append('\n');
            } else {
                for (int s = 0; s < Math.min(actions.size(), 20); s++) {
                    text.append("Step ").append(s + 1).append(": ").append(actions.get(s)).append('\n');
                }
            }
        }
        return text.append('\n').toString();
    }

    static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1.0;
        }
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return (double) common.size() / (a.size() + b.size() - common.size());
    }

    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
