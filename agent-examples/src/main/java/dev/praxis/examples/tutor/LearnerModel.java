package dev.praxis.examples.tutor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the tutor knows about one learner: per skill, how often it was practised, how often
 * right, and the mistakes made; which exercises were solved. It chooses what to practise next:
 * the skill with the most unresolved mistakes, else the least practised, and an exercise of it
 * not solved yet. Thread-safe.
 */
final class LearnerModel {

    private record Record(int practised, int right, List<String> mistakes) {
    }

    private final Map<Exercise.Skill, Record> skills = new EnumMap<>(Exercise.Skill.class);
    private final Set<Integer> solved = new HashSet<>();

    synchronized void practised(Exercise exercise, boolean right, String mistake) {
        Record r = skills.getOrDefault(exercise.skill(), new Record(0, 0, List.of()));
        List<String> mistakes = new ArrayList<>(r.mistakes());
        if (!right) {
            mistakes.add(mistake);
        } else {
            solved.add(exercise.id());
        }
        skills.put(exercise.skill(), new Record(r.practised() + 1, r.right() + (right ? 1 : 0), mistakes));
    }

    /** The next exercise to practise, or empty when every exercise is solved. */
    synchronized Optional<Exercise> next() {
        return Exercise.BANK.stream().filter(e -> !solved.contains(e.id()))
                .min(java.util.Comparator.comparingInt((Exercise e) -> -unresolved(e.skill()))
                        .thenComparingInt(e -> practised(e.skill())).thenComparingInt(Exercise::id));
    }

    private int unresolved(Exercise.Skill skill) {
        Record r = skills.get(skill);
        return r == null ? 0 : r.mistakes().size() - r.right();
    }

    private int practised(Exercise.Skill skill) {
        Record r = skills.get(skill);
        return r == null ? 0 : r.practised();
    }

    /** A line per practised skill. */
    synchronized String describe() {
        if (skills.isEmpty()) {
            return "nothing practised yet";
        }
        List<String> lines = new ArrayList<>();
        skills.forEach((skill, r) -> lines.add(skill.label + ": practised " + r.practised() + ", right " + r.right()
                + (r.mistakes().isEmpty() ? "" : ", mistakes: " + String.join("; ", r.mistakes()))));
        return String.join("\n", lines);
    }
}
