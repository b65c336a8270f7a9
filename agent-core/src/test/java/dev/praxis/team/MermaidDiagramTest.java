package dev.praxis.team;

import dev.praxis.agent.AgentRequest;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import static dev.praxis.team.Scripts.agent;
import static org.assertj.core.api.Assertions.assertThat;

class MermaidDiagramTest {

    private static Member plain(String name) {
        return Member.of(name, agent(name, ScriptedLlm.of()));
    }

    @Test
    void drawsASequenceAsAChain() {
        Team chain = Sequence.of("chain", plain("a"), plain("b"));

        assertThat(chain.mermaid()).isEqualTo("""
                flowchart TD
                    subgraph s1["chain"]
                        n2["a"]
                        n3["b"]
                        n2 --> n3
                    end
                """);
    }

    @Test
    void drawsNestedTeamsAsSubgraphsAndEscapesLabels() {
        Team panel = Parallel.builder("panel").members(plain("pro"), plain("con"))
                .aggregateWith(plain("judge")).build();
        Team loop = Loop.withCritic("review \"quoted\"", plain("writer"), plain("editor"), 2);
        Team desk = Supervisor.builder("desk").llm(ScriptedLlm.of()).members(plain("billing")).build();
        Team outer = Sequence.of("outer", Member.of("panel", panel), Member.of("review", loop), Member.of("desk", desk));

        String diagram = outer.mermaid();

        assertThat(diagram).startsWith("flowchart TD\n")
                .contains("subgraph s2[\"panel\"]", "\"panel: fan-out\"", "-->|\"review\"|", "-.->|\"revise, max 2\"|",
                        "{{\"desk: supervisor\"}}", "-.->|\"delegates\"|")
                .doesNotContain("\"quoted\"");
        assertThat(diagram.lines().filter(l -> l.strip().startsWith("subgraph")).count()).isEqualTo(4);
        assertThat(diagram.lines().filter(l -> l.strip().equals("end")).count()).isEqualTo(4);
    }

    @Test
    void drawsHandoffsBetweenEveryPairOfMembers() {
        Team desk = Handoff.builder("desk").member("a", "a", agent("a", ScriptedLlm.of()))
                .member("b", "b", agent("b", ScriptedLlm.of())).build();

        assertThat(desk.mermaid()).contains("n2 -.->|\"hand-off\"| n3", "n3 -.->|\"hand-off\"| n2");
    }

    @Test
    void drawsATeamClassOfItsOwnAsOneBoxInsideItsSubgraph() {
        Team custom = new Team() {
            @Override
            public String name() {
                return "custom";
            }

            @Override
            public TeamResult runTeam(AgentRequest request) {
                throw new UnsupportedOperationException("only drawn");
            }
        };
        Team chain = Sequence.of("chain", plain("a"), Member.of("mine", custom));

        assertThat(chain.mermaid()).isEqualTo("""
                flowchart TD
                    subgraph s1["chain"]
                        n2["a"]
                        subgraph s3["mine"]
                            n4["custom"]
                        end
                        n2 --> n4
                    end
                """);
    }
}
