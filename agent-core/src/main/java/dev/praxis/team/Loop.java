package dev.praxis.team;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.Status;

import dev.praxis.state.CheckpointStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Repeats a worker until a condition holds or a critic approves, at most {@code maxRounds}
 * times. With a critic, each round the critic reviews the worker's answer; its review goes
 * back to the worker as feedback for the next round. Ending without approval is
 * {@link Status#BUDGET_EXHAUSTED} with the last answer as output.
 *
 * <pre>{@code
 * Team reviewed = Loop.withCritic("essay", Member.of("writer", writer), Member.of("editor", editor), 3);
 * }</pre>
 */
public final class Loop extends CheckpointedTeam {

    private final String name;
    private final Member worker;
    private final Optional<Member> critic;
    private final Predicate<String> approved;
    private final int maxRounds;
    private final Budget budget;
    private final Clock clock;
    private final Durability durability;
    private final TeamCheckpoints checkpoints;

    /** Where a loop saves its progress and which blackboard it saves with it; fields may be null. */
    private record Durability(CheckpointStore store, Blackboard board) {
        static final Durability NONE = new Durability(null, null);
    }

    private Loop(String name, Member worker, Optional<Member> critic, Predicate<String> approved, int maxRounds,
                 Budget budget, Clock clock) {
        this(name, worker, critic, approved, maxRounds, budget, clock, Durability.NONE);
    }

    private Loop(String name, Member worker, Optional<Member> critic, Predicate<String> approved, int maxRounds,
                 Budget budget, Clock clock, Durability durability) {
        this.name = Objects.requireNonNull(name, "name");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.critic = critic;
        this.approved = Objects.requireNonNull(approved, "approved");
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be at least 1, got " + maxRounds);
        }
        critic.ifPresent(c -> {
            if (c.name().equals(worker.name())) {
                throw new IllegalArgumentException("worker and critic are both named '" + c.name() + "'");
            }
        });
        this.maxRounds = maxRounds;
        this.budget = Objects.requireNonNull(budget, "budget");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.durability = durability;
        List<Member> all = new ArrayList<>(List.of(worker));
        critic.ifPresent(all::add);
        this.checkpoints = new TeamCheckpoints(name, durability.store(), durability.board(), all, clock);
    }

    /**
     * A loop whose critic approves by starting its review with {@code APPROVED} (any case).
     */
    public static Loop withCritic(String name, Member worker, Member critic, int maxRounds) {
        return new Loop(name, worker, Optional.of(critic),
                review -> review.strip().toUpperCase(Locale.ROOT).startsWith("APPROVED"),
                maxRounds, Budget.DEFAULT, Clock.systemUTC());
    }

    /** A loop that repeats the worker on its own previous answer until {@code done} holds for it. */
    public static Loop until(String name, Member worker, Predicate<String> done, int maxRounds) {
        return new Loop(name, worker, Optional.empty(), done, maxRounds, Budget.DEFAULT, Clock.systemUTC());
    }

    /** This loop, deciding approval from the critic's review with {@code approval}. */
    public Loop approvedWhen(Predicate<String> approval) {
        return new Loop(name, worker, critic, approval, maxRounds, budget, clock, durability);
    }

    /** This loop with a budget for all rounds together. */
    public Loop withBudget(Budget teamBudget) {
        return new Loop(name, worker, critic, approved, maxRounds, teamBudget, clock, durability);
    }

    /** This loop, saving its progress to {@code checkpoints} so it can be resumed as a whole (see {@link DurableTeam}). */
    public Loop withCheckpoints(CheckpointStore checkpoints) {
        return new Loop(name, worker, critic, approved, maxRounds, budget, clock,
                new Durability(Objects.requireNonNull(checkpoints, "checkpoints"), durability.board()));
    }

    /** This loop, saving {@code blackboard} with its progress and restoring it on resume. */
    public Loop withBlackboard(Blackboard blackboard) {
        return new Loop(name, worker, critic, approved, maxRounds, budget, clock,
                new Durability(durability.store(), Objects.requireNonNull(blackboard, "blackboard")));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    TeamCheckpoints checkpoints() {
        return checkpoints;
    }

    @Override
    Budget teamBudget() {
        return budget;
    }

    @Override
    TeamResult play(TeamRun run) {
        String task = run.request().input();
        String input = task;
        String answer = "";
        for (int round = 1; round <= maxRounds; round++) {
            AgentResult work = run.runMember(worker, input);
            if (work.status() != Status.COMPLETED) {
                return run.failedBy(worker.name(), work);
            }
            answer = work.output();
            if (critic.isEmpty()) {
                if (approved.test(answer)) {
                    return run.finish(Status.COMPLETED, answer, "condition met after " + round + " round(s)");
                }
                input = answer;
                continue;
            }
            AgentResult review = run.runMember(critic.get(), reviewRequest(task, answer));
            if (review.status() != Status.COMPLETED) {
                return run.failedBy(critic.get().name(), review);
            }
            if (approved.test(review.output())) {
                return run.finish(Status.COMPLETED, answer, "approved by '" + critic.get().name() + "' after "
                        + round + " round(s)");
            }
            input = revisionRequest(task, answer, review.output());
        }
        return run.finish(Status.BUDGET_EXHAUSTED, answer, "loop '" + name + "' reached its bound of " + maxRounds
                + " round(s) without " + (critic.isPresent() ? "approval" : "meeting its condition"));
    }

    private static String reviewRequest(String task, String answer) {
        return "Task:\n" + task + "\n\nAnswer to review:\n" + answer
                + "\n\nReply APPROVED if the answer is acceptable; otherwise say what to change.";
    }

    private static String revisionRequest(String task, String answer, String review) {
        return "Task:\n" + task + "\n\nYour previous answer:\n" + answer + "\n\nReviewer's feedback:\n" + review
                + "\n\nRevise your answer.";
    }

    @Override
    public MermaidDiagram.Ports describe(MermaidDiagram diagram) {
        MermaidDiagram.Ports work = diagram.member(worker);
        if (critic.isEmpty()) {
            diagram.edge(work.out(), work.in(), "until done, max " + maxRounds, true);
            return work;
        }
        MermaidDiagram.Ports review = diagram.member(critic.get());
        diagram.edge(work.out(), review.in(), "review", false);
        diagram.edge(review.out(), work.in(), "revise, max " + maxRounds, true);
        return new MermaidDiagram.Ports(work.in(), review.out());
    }
}
