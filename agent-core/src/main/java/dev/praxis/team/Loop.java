package dev.praxis.team;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.Status;

import dev.praxis.state.CheckpointStore;

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

    private final Member worker;
    private final Optional<Member> critic;
    private final Predicate<String> approved;
    private final int maxRounds;

    private Loop(TeamSetup setup, Member worker, Optional<Member> critic, Predicate<String> approved,
                 int maxRounds) {
        super(setup, critic.map(c -> List.of(worker, c)).orElse(List.of(worker)));
        this.worker = worker;
        this.critic = critic;
        this.approved = Objects.requireNonNull(approved, "approved");
        this.maxRounds = maxRounds;
    }

    private static Loop create(String name, Member worker, Optional<Member> critic, Predicate<String> approved,
                               int maxRounds) {
        Objects.requireNonNull(worker, "worker");
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be at least 1, got " + maxRounds);
        }
        critic.ifPresent(c -> {
            if (c.name().equals(worker.name())) {
                throw new IllegalArgumentException("worker and critic are both named '" + c.name() + "'");
            }
        });
        return new Loop(TeamSetup.named(name), worker, critic, approved, maxRounds);
    }

    /**
     * A loop whose critic approves by starting its review with {@code APPROVED} (any case).
     */
    public static Loop withCritic(String name, Member worker, Member critic, int maxRounds) {
        return create(name, worker, Optional.of(critic),
                review -> review.strip().toUpperCase(Locale.ROOT).startsWith("APPROVED"), maxRounds);
    }

    /** A loop that repeats the worker on its own previous answer until {@code done} holds for it. */
    public static Loop until(String name, Member worker, Predicate<String> done, int maxRounds) {
        return create(name, worker, Optional.empty(), done, maxRounds);
    }

    /** This loop, deciding approval from the critic's review with {@code approval}. */
    public Loop approvedWhen(Predicate<String> approval) {
        return new Loop(setup, worker, critic, approval, maxRounds);
    }

    /** This loop with a budget for all rounds together. */
    public Loop withBudget(Budget teamBudget) {
        return new Loop(setup.withBudget(teamBudget), worker, critic, approved, maxRounds);
    }

    /** This loop, saving its progress to {@code checkpoints} so it can be resumed as a whole (see {@link DurableTeam}). */
    public Loop withCheckpoints(CheckpointStore checkpoints) {
        return new Loop(setup.withStore(checkpoints), worker, critic, approved, maxRounds);
    }

    /** This loop, saving {@code blackboard} with its progress and restoring it on resume. */
    public Loop withBlackboard(Blackboard blackboard) {
        return new Loop(setup.withBoard(blackboard), worker, critic, approved, maxRounds);
    }

    @Override
    TeamResult play(TeamRun run) {
        String task = run.request().input();
        String input = task;
        String answer = "";
        AgentResult answered = null;
        for (int round = 1; round <= maxRounds; round++) {
            AgentResult work = run.runMember(worker, input);
            if (work.status() != Status.COMPLETED) {
                return run.failedBy(worker.name(), work);
            }
            answer = work.output();
            answered = work;
            if (critic.isEmpty()) {
                if (approved.test(answer)) {
                    return run.answeredBy(work, "condition met after " + round + " round(s)");
                }
                input = answer;
                continue;
            }
            AgentResult review = run.runMember(critic.get(), reviewRequest(task, answer));
            if (review.status() != Status.COMPLETED) {
                return run.failedBy(critic.get().name(), review);
            }
            if (approved.test(review.output())) {
                return run.answeredBy(work, "approved by '" + critic.get().name() + "' after "
                        + round + " round(s)");
            }
            input = revisionRequest(task, answer, review.output());
        }
        return run.finish(Status.BUDGET_EXHAUSTED, answer, "loop '" + name() + "' reached its bound of " + maxRounds
                + " round(s) without " + (critic.isPresent() ? "approval" : "meeting its condition"),
                answered == null ? List.of() : answered.citations());
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
    MermaidDiagram.Ports describe(MermaidDiagram diagram) {
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
