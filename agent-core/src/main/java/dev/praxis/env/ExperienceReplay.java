package dev.praxis.env;

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
 * <p>Similarity is the Jaccard overlap of the tasks' lower-cased words; only trajectories with
 * total reward at least {@code minReward} and no negative feedback qualify; ties go to the
 * higher reward, then the newer run. Immutable and thread-safe if the store is.
 */
public final class ExperienceReplay {

    private final TrajectoryStore store;
    private final int limit;
    private final double minReward;
    private final double minSimilarity;

    private ExperienceReplay(TrajectoryStore store, int limit, double minReward, double minSimilarity) {
        this.store = Objects.requireNonNull(store, "store");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
        this.minReward = minReward;
        this.minSimilarity = minSimilarity;
    }

    /** Replay from {@code store}: up to 3 examples with reward at least 1 and word overlap at least 0.2. */
    public static ExperienceReplay from(TrajectoryStore store) {
        return new ExperienceReplay(store, 3, 1.0, 0.2);
    }

    /** At most {@code examples} examples per prompt. */
    public ExperienceReplay limit(int examples) {
        return new ExperienceReplay(store, examples, minReward, minSimilarity);
    }

    /** Only trajectories whose total reward is at least {@code reward}. */
    public ExperienceReplay minReward(double reward) {
        return new ExperienceReplay(store, limit, reward, minSimilarity);
    }

    /** Only tasks whose word overlap with the current one is at least {@code similarity} (0..1). */
    public ExperienceReplay minSimilarity(double similarity) {
        return new ExperienceReplay(store, limit, minReward, similarity);
    }

    /** The best qualifying trajectories for {@code task}, best first. */
    public List<Trajectory> recall(String task) {
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
        List<Trajectory> examples = recall(task);
        if (examples.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("Examples of similar tasks solved well before:\n");
        for (int i = 0; i < examples.size(); i++) {
            Trajectory example = examples.get(i);
            text.append("\nExample ").append(i + 1).append("\nTask: ").append(example.task().strip()).append('\n');
            List<TrajectoryStep> steps = example.steps();
            if (steps.size() == 1) {
                text.append("Answer: ").append(steps.get(0).action()).append('\n');
            } else {
                for (TrajectoryStep step : steps.subList(0, Math.min(steps.size(), 20))) {
                    text.append("Step ").append(step.index()).append(": ").append(step.action()).append('\n');
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
