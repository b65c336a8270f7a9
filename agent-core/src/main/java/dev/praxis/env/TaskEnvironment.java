package dev.praxis.env;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a list of tasks with checkers into an environment: each episode is one task, the
 * observation is its prompt, the action is the answer, and the reward is the checker's score.
 * An episode ends after one answer.
 *
 * <pre>{@code
 * var env = new TaskEnvironment(List.of(new Task("fr", "Capital of France?", Checker.contains("Paris"))));
 * List<Trajectory> runs = Rollout.of(env, new AgentPolicy(agent)).play(0, env.size());
 * }</pre>
 *
 * <p>{@code reset(seed)} selects task {@code seed mod size}, so seeds {@code 0..size-1} visit
 * every task once. The transition's info holds the task id and the checker's verdict.
 */
public final class TaskEnvironment implements Environment<String, String> {

    private final List<Task> tasks;
    private Task current;

    /**
     * An environment over {@code tasks}, in order.
     *
     * @throws IllegalArgumentException if the list is empty or ids repeat
     */
    public TaskEnvironment(List<Task> tasks) {
        this.tasks = List.copyOf(tasks);
        if (this.tasks.isEmpty()) {
            throw new IllegalArgumentException("a task environment needs at least one task");
        }
        Set<String> ids = new HashSet<>();
        for (Task task : this.tasks) {
            if (!ids.add(task.id())) {
                throw new IllegalArgumentException("duplicate task id '" + task.id() + "'");
            }
        }
    }

    /** The number of tasks. */
    public int size() {
        return tasks.size();
    }

    /** The tasks, in order. */
    public List<Task> tasks() {
        return tasks;
    }

    @Override
    public String reset(long seed) {
        current = tasks.get((int) Math.floorMod(seed, (long) tasks.size()));
        return current.prompt();
    }

    @Override
    public Transition<String> step(String answer) {
        Objects.requireNonNull(answer, "answer");
        if (current == null) {
            throw new IllegalStateException("the episode is over (or never started): call reset(seed) first");
        }
        Task task = current;
        current = null;
        Checker.Verdict verdict = task.checker().check(answer);
        return new Transition<>(answer, verdict.score(), true, false, Map.of("task", task.id(),
                "passed", String.valueOf(verdict.passed()), "detail", verdict.detail()));
    }

    @Override
    public ActionSpace<String> actions() {
        return ActionSpace.text();
    }

    @Override
    public String instructions() {
        return "Solve the task. Reply with the answer only.";
    }
}
