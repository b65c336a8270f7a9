package dev.praxis.team;

import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;

/**
 * A composition of agents that is itself an {@link Agent}, so teams nest: a sequence can
 * contain a parallel fan-out whose branches are supervisors. A team applies its budget to all
 * its members together and reports each member's part in a {@link TeamResult}.
 *
 * <p>Like every agent, a team is thread-safe and never throws for failures of its members:
 * a member that ends without an answer ends the team with the member's status and a reason
 * that names it.
 */
public interface Team extends Agent {

    /** The team's name, as in results and diagrams. */
    String name();

    /** Runs the team and reports each member's part. */
    TeamResult runTeam(AgentRequest request);

    /** Runs the team; the per-member detail is in {@link #runTeam}. */
    @Override
    default AgentResult run(AgentRequest request) {
        return runTeam(request).result();
    }

    /**
     * This team's structure as a Mermaid flowchart ({@code flowchart TD}), for docs and
     * debugging: nested teams become subgraphs, labels are escaped. A team class of your own
     * shows as one box.
     */
    default String mermaid() {
        return MermaidDiagram.of(this);
    }
}
