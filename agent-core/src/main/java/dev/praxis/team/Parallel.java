package dev.praxis.team;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.Status;

import dev.praxis.state.CheckpointStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * Fan-out and fan-in: every member works on the same input at the same time, then an
 * aggregator combines their outputs (by default, each output under its member's name). Each
 * branch gets its own budget cut to an equal share of what the team has left, so the branches
 * together stay within the team budget. If a branch does not complete, the team ends with
 * that branch's status after all branches have finished.
 *
 * <pre>{@code
 * Team panel = Parallel.builder("panel")
 *         .members(Member.of("optimist", optimist), Member.of("sceptic", sceptic))
 *         .aggregateWith(Member.of("judge", judge))
 *         .build();
 * }</pre>
 */
public final class Parallel extends CheckpointedTeam {

    private final List<Member> members;
    private final Optional<Member> aggregator;
    private final BiFunction<String, Map<String, String>, String> join;
    private final Executor executor;

    private Parallel(Builder b, List<Member> members) {
        super(b.setup, all(members, b.aggregator));
        this.members = members;
        this.aggregator = Optional.ofNullable(b.aggregator);
        this.join = b.join;
        this.executor = b.executor;
    }

    private static List<Member> all(List<Member> members, Member aggregator) {
        List<Member> all = new ArrayList<>(members);
        if (aggregator != null) {
            all.add(aggregator);
        }
        return all;
    }

    /** Starts a fan-out team called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    TeamResult play(TeamRun run) {
        AgentRequest request = run.request();
        List<CompletableFuture<AgentResult>> branches = new ArrayList<>(members.size());
        List<Budget> grants = members.stream().map(m -> run.grant(m, members.size())).toList();
        // every branch works on the team's input: it carries what the input carried, not what another branch read
        Set<String> carried = run.untrusted();
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            Budget granted = grants.get(i);
            branches.add(CompletableFuture.supplyAsync(() -> run.runMember(member, request.input(), granted, carried),
                    executor));
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        Member failedMember = null;
        AgentResult failure = null;
        for (int i = 0; i < members.size(); i++) {
            AgentResult result = join(branches.get(i));
            if (result.status() != Status.COMPLETED && failure == null) {
                failedMember = members.get(i);
                failure = result;
            }
            outputs.put(members.get(i).name(), result.output());
        }
        if (failure != null) {
            return run.failedBy(failedMember.name(), failure);
        }
        return aggregate(run, request.input(), outputs);
    }

    private TeamResult aggregate(TeamRun run, String input, Map<String, String> outputs) {
        String joined = join.apply(input, outputs);
        if (aggregator.isEmpty()) {
            return run.finish(Status.COMPLETED, joined, "final answer");
        }
        AgentResult result = run.runMember(aggregator.get(), joined);
        return result.status() == Status.COMPLETED
                ? run.answeredBy(result, "final answer")
                : run.failedBy(aggregator.get().name(), result);
    }

    private static AgentResult join(CompletableFuture<AgentResult> branch) {
        try {
            return branch.join();
        } catch (CompletionException e) {
            // runMember turns exceptions into results, so only an Error can get here
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    MermaidDiagram.Ports describe(MermaidDiagram diagram) {
        String fork = diagram.node(name() + ": fan-out", "(())");
        MermaidDiagram.Ports merge = aggregator.map(diagram::member).orElseGet(() -> {
            String join = diagram.node("join", "(())");
            return new MermaidDiagram.Ports(join, join);
        });
        for (Member member : members) {
            MermaidDiagram.Ports ports = diagram.member(member);
            diagram.edge(fork, ports.in(), "", false);
            diagram.edge(ports.out(), merge.in(), "", false);
        }
        String out = merge.out();
        return new MermaidDiagram.Ports(fork, out);
    }

    /**
     * The default fan-in: the input, then each member's output under its name.
     */
    public static String labelled(String input, Map<String, String> outputs) {
        StringBuilder text = new StringBuilder("Task: ").append(input).append("\n");
        outputs.forEach((member, output) -> text.append("\n[").append(member).append("]\n").append(output).append("\n"));
        return text.toString();
    }

    /** Configures a {@link Parallel}. Not thread-safe. */
    public static final class Builder extends TeamBuilder<Builder> {
        private final List<Member> members = new ArrayList<>();
        private Member aggregator;
        private BiFunction<String, Map<String, String>, String> join = Parallel::labelled;
        private Executor executor = Parallel::startThread;

        private Builder(String name) {
            super(name);
        }

        /** Adds branches. */
        public Builder members(Member... more) {
            members.addAll(List.of(more));
            return this;
        }

        /**
         * How outputs are combined: receives the input and each member's output by name, in
         * member order. Default {@link Parallel#labelled}.
         */
        public Builder join(BiFunction<String, Map<String, String>, String> joinFunction) {
            this.join = Objects.requireNonNull(joinFunction, "joinFunction");
            return this;
        }

        /** An agent that receives the joined outputs and writes the team's answer. */
        public Builder aggregateWith(Member aggregatorMember) {
            this.aggregator = Objects.requireNonNull(aggregatorMember, "aggregatorMember");
            return this;
        }

        /** Where branches run; default one new daemon thread per branch. */
        public Builder executor(Executor branchExecutor) {
            this.executor = Objects.requireNonNull(branchExecutor, "branchExecutor");
            return this;
        }

        /** Saves the team's progress to {@code checkpoints}, so it can be resumed as a whole (see {@link DurableTeam}). */
        public Builder checkpoints(CheckpointStore checkpoints) {
            setup = setup.withStore(checkpoints);
            return this;
        }

        /** Saves {@code blackboard} (which the members share) with the team's progress and restores it on resume. */
        public Builder blackboard(Blackboard blackboard) {
            setup = setup.withBoard(blackboard);
            return this;
        }

        /** Builds the team; throws if it has no members or two share a name. */
        public Parallel build() {
            if (aggregator != null && members.stream().anyMatch(m -> m.name().equals(aggregator.name()))) {
                throw new IllegalArgumentException("aggregator '" + aggregator.name() + "' has the name of a branch");
            }
            return new Parallel(this, Sequence.requireUniqueNames(members));
        }
    }

    private static void startThread(Runnable task) {
        Thread thread = new Thread(task, "praxis-parallel");
        thread.setDaemon(true);
        thread.start();
    }
}
