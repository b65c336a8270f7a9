package dev.praxis.spring.actuate;

import dev.praxis.agent.LlmAgent;
import dev.praxis.spring.PraxisAgents;
import dev.praxis.spring.PraxisApprovals;
import dev.praxis.state.PendingApproval;
import dev.praxis.tool.Tool;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code /actuator/praxis}: the application's agents with their tools and side-effect
 * classes, and the runs waiting for a person. Read-only; expose it like any endpoint
 * ({@code management.endpoints.web.exposure.include=praxis}) and secure it like the others.
 */
@Endpoint(id = "praxis")
public class PraxisEndpoint {

    private final PraxisAgents agents;
    private final PraxisApprovals approvals;

    /** An endpoint describing {@code agents} and the runs {@code approvals} lists. */
    public PraxisEndpoint(PraxisAgents agents, PraxisApprovals approvals) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
    }

    /** What the endpoint shows. */
    public record Report(List<AgentView> agents, List<WaitingView> runsAwaitingApproval) {
    }

    /** One agent. */
    public record AgentView(String name, List<ToolView> tools) {
    }

    /** One tool of an agent. */
    public record ToolView(String name, String sideEffect, String description) {
    }

    /** One paused run. */
    public record WaitingView(String runId, String agent, List<CallView> pending) {
    }

    /** One call waiting for a decision. */
    public record CallView(String key, String tool, String arguments, String question, Instant expiresAt) {
    }

    /** The agents, their tools and the paused runs, as of now. */
    @ReadOperation
    public Report report() {
        List<AgentView> agentViews = agents.all().values().stream().map(PraxisEndpoint::view).toList();
        List<WaitingView> waiting = approvals.waiting().stream()
                .map(run -> new WaitingView(run.runId(), run.agent(), run.pending().stream().map(PraxisEndpoint::view).toList()))
                .toList();
        return new Report(agentViews, waiting);
    }

    private static AgentView view(LlmAgent agent) {
        return new AgentView(agent.name(), agent.toolbox().tools().stream().map(PraxisEndpoint::view).toList());
    }

    private static ToolView view(Tool tool) {
        return new ToolView(tool.name(), tool.sideEffect().name(), tool.spec().description());
    }

    private static CallView view(PendingApproval pending) {
        return new CallView(pending.key(), pending.call().name(), pending.call().arguments(), pending.question(),
                pending.expiresAt());
    }
}
