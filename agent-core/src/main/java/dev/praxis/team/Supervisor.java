package dev.praxis.team;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.PriceTable;
import dev.praxis.tool.Tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A model that routes sub-tasks to member agents, which it sees as tools (one per member,
 * named after it, described by its description), and writes the team's answer from their
 * results. The supervisor's own model calls and every member run count against the team
 * budget; a member called after the team budget is used up does not run, and the model is
 * told why.
 *
 * <pre>{@code
 * Team desk = Supervisor.builder("desk").llm(llm)
 *         .members(Member.of("billing", "Invoices and refunds", billing),
 *                  Member.of("tech", "Technical problems", tech))
 *         .build();
 * }</pre>
 */
public final class Supervisor extends ConfiguredTeam {

    private final LlmClient llm;
    private final String systemPrompt;
    private final List<Member> members;
    private final AgentListener listener;
    private final PriceTable prices;

    private Supervisor(Builder b) {
        super(b.setup);
        this.llm = Objects.requireNonNull(b.llm, "Supervisor needs a model: call builder(name).llm(...)");
        this.members = Sequence.requireUniqueNames(b.members);
        this.systemPrompt = b.systemPrompt != null ? b.systemPrompt : defaultPrompt(members);
        this.listener = b.listener;
        this.prices = b.prices;
    }

    /** Starts a supervisor called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public TeamResult runTeam(AgentRequest request) {
        TeamRun run = setup.newRun(request);
        String name = name();
        List<Tool> tools = new ArrayList<>(members.size());
        for (Member member : members) {
            tools.add(AgentTool.within(member, run));
        }
        LlmAgent supervisor = LlmAgent.builder()
                .name(name).llm(withinTeamBudget(run)).systemPrompt(systemPrompt).budget(run.budget())
                .clock(setup.clock())
                .prices(prices)
                .tools(tools.toArray())
                .listener(listener)
                .listener(event -> {
                    if (event instanceof AgentEvent.ModelCalled called) {
                        run.charge(1, called.usage());
                    }
                })
                .build();
        AgentRequest own = AgentRequest.of(request.input()).withBudget(run.budget()).delegatedBy(request.delegation());
        if (request.scope().isPresent()) {
            own = own.inSession(request.scope().get().withAgent(name));
        } else if (request.owner().isPresent()) {
            own = own.onBehalfOf(request.owner().get());
        }
        AgentResult result = supervisor.run(own);
        run.recordCharged(name, result);
        java.util.Optional<String> exhausted = run.exhausted();
        if (result.status() == Status.FAILED && exhausted.isPresent()) {
            return run.finish(Status.BUDGET_EXHAUSTED, result.output(), exhausted.get());
        }
        return result.status() == Status.COMPLETED
                ? run.answeredBy(result, "final answer")
                : run.finish(result.status(), result.output(), "supervisor '" + name + "' ended " + result.status()
                        + ": " + result.reason());
    }

    @Override
    MermaidDiagram.Ports describe(MermaidDiagram diagram) {
        String self = diagram.node(name() + ": supervisor", "{{}}");
        for (Member member : members) {
            MermaidDiagram.Ports ports = diagram.member(member);
            diagram.edge(self, ports.in(), "delegates", true);
        }
        return new MermaidDiagram.Ports(self, self);
    }

    /** The supervisor's model, refusing calls once members and supervisor together used up the team budget. */
    private LlmClient withinTeamBudget(TeamRun run) {
        return request -> {
            run.exhausted().ifPresent(reason -> {
                throw new TeamException(reason);
            });
            return llm.chat(request);
        };
    }

    private static String defaultPrompt(List<Member> members) {
        StringBuilder prompt = new StringBuilder("You lead a team. Delegate sub-tasks to the members by calling"
                + " the tool named after each, with a self-contained task, then combine their results into"
                + " the final answer. Members:\n");
        members.forEach(m -> prompt.append("- ").append(m.name()).append(": ").append(m.description()).append('\n'));
        return prompt.toString();
    }

    /** Configures a {@link Supervisor}. Not thread-safe. */
    public static final class Builder extends TeamBuilder<Builder> {
        private LlmClient llm;
        private String systemPrompt;
        private final List<Member> members = new ArrayList<>();
        private AgentListener listener = AgentListener.NONE;
        private PriceTable prices = PriceTable.NONE;

        private Builder(String name) {
            super(name);
        }

        /** The routing model. Required. */
        public Builder llm(LlmClient model) {
            this.llm = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Replaces the default prompt, which lists the members and their descriptions. */
        public Builder systemPrompt(String prompt) {
            this.systemPrompt = Objects.requireNonNull(prompt, "prompt");
            return this;
        }

        /** Adds members the model may delegate to. */
        public Builder members(Member... more) {
            members.addAll(List.of(more));
            return this;
        }

        /** Receives the supervisor's own events (members report through their own listeners). */
        public Builder listener(AgentListener supervisorListener) {
            this.listener = Objects.requireNonNull(supervisorListener, "supervisorListener");
            return this;
        }

        /**
         * Prices of the supervisor's own model, so its calls count against the team's cost
         * budget like the members' (which price their calls with their own agents' tables);
         * default none: the routing calls then cost nothing.
         */
        public Builder prices(PriceTable table) {
            this.prices = Objects.requireNonNull(table, "table");
            return this;
        }

        /** Builds the supervisor; throws if it has no members or two share a name. */
        public Supervisor build() {
            return new Supervisor(this);
        }
    }
}
