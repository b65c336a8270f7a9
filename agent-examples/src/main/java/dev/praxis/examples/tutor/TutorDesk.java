package dev.praxis.examples.tutor;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.praxis.memory.Experience;
import dev.praxis.memory.ExperienceStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.ToolException;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tutor's tools: choose the next exercise from the learner model, grade an answer exactly
 * (any equal form counts: {@code 10/12} for {@code 5/6}, {@code 4.5} for {@code 9/2}), name the
 * mistake and recall an explanation that worked for learners who made the same one, and record
 * whether an explanation helped, for the next learner. Thread-safe.
 */
public final class TutorDesk {

    /** How similar a recorded mistake must be to count as the same mistake (cosine of the task texts). */
    static final double SAME_MISTAKE = 0.8;

    private final LearnerModel learner;
    private final ExperienceStore explanations;
    private final MemoryScope learners;
    private final Clock clock;
    private final AtomicReference<String[]> lastExplained = new AtomicReference<>();

    /** A desk for one learner; {@code explanations} in {@code learners} is what worked before. */
    public TutorDesk(ExperienceStore explanations, MemoryScope learners, Clock clock) {
        this.learner = new LearnerModel();
        this.explanations = explanations;
        this.learners = learners;
        this.clock = clock;
    }

    @Tool(name = "next_exercise", value = "Picks a new task for the learner to practise (give me a task, what is my"
            + " next question, another one please)")
    @SideEffects(SideEffect.READ_ONLY)
    public String nextExercise() {
        return learner.next().map(e -> "exercise " + e.id() + " (" + e.skill().label + "): what is " + e.question() + "?")
                .orElse("every exercise is solved: well done");
    }

    @Tool(name = "check_answer", value = "Grades the learner's answer to a numbered exercise (my answer is, I got, is it)")
    @SideEffects(SideEffect.WRITE)
    public String checkAnswer(@P("the exercise number") long exercise, @P("the learner's answer") String answer) {
        Exercise e;
        try {
            e = Exercise.byId((int) exercise);
        } catch (IllegalArgumentException bad) {
            throw new ToolException(bad.getMessage());
        }
        Fraction given = Fraction.lastIn(answer).orElseThrow(() -> new ToolException(
                "no number in the answer '" + answer + "'; write it as 5/6, 4.5 or 20"));
        if (given.equals(e.answer())) {
            learner.practised(e, true, "");
            return "correct: " + e.question() + " = " + e.answer();
        }
        String mistake = e.diagnose(given);
        learner.practised(e, false, mistake);
        String task = e.skill().label + ": " + mistake;
        String help = explanations.recallSuccessful(learners, task, 1).stream()
                .filter(r -> r.similarity() >= SAME_MISTAKE).findFirst()
                .map(r -> String.join(" ", r.experience().steps()))
                .orElse("work it through step by step and compare with the rule for " + e.skill().label);
        lastExplained.set(new String[] {task, help});
        return "not correct: " + e.question() + " is " + e.answer() + ", not " + given + ". It looks like you " + mistake
                + ". What helped others: " + help;
    }

    @Tool(name = "explanation_helped", value = "Records whether the last explanation helped the learner (that helped,"
            + " I understand now, I still don't get it)")
    @SideEffects(SideEffect.WRITE)
    public String explanationHelped(@P("yes if it helped, no if not") boolean helped) {
        String[] last = lastExplained.get();
        if (last == null) {
            throw new ToolException("no explanation was given yet");
        }
        explanations.record(learners, new Experience(last[0], List.of(last[1]), Experience.Outcome.SUCCEEDED,
                helped ? 1.0 : -1.0, clock.instant()));
        return "noted that the explanation " + (helped ? "helped" : "did not help") + "; the next learner with this"
                + " mistake " + (helped ? "will hear it too" : "will hear it less");
    }

    @Tool(name = "learner_progress", value = "Shows what the learner practised, got right and got wrong (my progress,"
            + " how am I doing)")
    @SideEffects(SideEffect.READ_ONLY)
    public String learnerProgress() {
        return learner.describe();
    }

    /** Seeds {@code store} with explanations tried on earlier learners, good and bad. */
    static void seed(ExperienceStore store, MemoryScope learners, Clock clock) {
        record Tried(String task, String explanation, double feedback) {
        }
        for (Tried t : List.of(
                new Tried("adding fractions: added the numerators and the denominators",
                        "The bottom number names the size of the pieces, so only pieces of the same size can be added:"
                                + " find a common denominator first (1/2 = 3/6 and 1/3 = 2/6, so 3/6 + 2/6 = 5/6).", 1),
                new Tried("adding fractions: added the numerators and the denominators",
                        "Remember the rule: never add the bottoms.", -1),
                new Tried("percentages: divided the number by the percentage instead of taking that part of it",
                        "Per cent means per hundred: 25% of 80 is 25/100 x 80, a quarter of 80, which is 20.", 1),
                new Tried("multiplying fractions: added the denominators instead of multiplying them",
                        "Multiply straight across, top times top and bottom times bottom: 2/3 x 3/4 = 6/12 = 1/2.", 1))) {
            store.record(learners, new Experience(t.task(), List.of(t.explanation()), Experience.Outcome.SUCCEEDED,
                    t.feedback(), clock.instant()));
        }
    }
}
