package dev.praxis.team;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;
import dev.praxis.knowledge.KnowledgeRetriever;
import dev.praxis.knowledge.Passage;
import dev.praxis.knowledge.Retrieval;
import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.KnowledgeStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.state.InMemoryCheckpointStore;
import dev.praxis.testing.HashingEmbeddingModel;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.praxis.testing.ScriptedLlm.text;
import static org.assertj.core.api.Assertions.assertThat;

/** A team's answer keeps the citations of the member that wrote it, also from a checkpoint. */
class TeamCitationsTest {

    private static final MemoryScope FAQ = MemoryScope.session("faq");

    private final KnowledgeStore store = EmbeddingKnowledgeStore.builder(new InMemoryVectorStore(),
            new HashingEmbeddingModel()).build();

    TeamCitationsTest() {
        store.add(FAQ, Document.of("refunds", "Refunds reach your card within 14 days of the return.")
                .with("topic", "billing"));
    }

    /** Answers from the FAQ and cites it, whatever its input. */
    private LlmAgent faq() {
        return LlmAgent.builder().name("faq").llm(ScriptedLlm.of(text("Refunds take 14 days. [refunds#0]")))
                .knowledge(Retrieval.inject(KnowledgeRetriever.over(store, FAQ)).topK(1)).build();
    }

    private static LlmAgent says(String answer) {
        return LlmAgent.builder().llm(ScriptedLlm.of(text(answer))).build();
    }

    private static void assertCitesTheFaq(AgentResult result) {
        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.citations()).extracting(Passage::sourceId).containsExactly("refunds#0");
        assertThat(result.citations().get(0).metadata()).containsEntry("topic", "billing");
    }

    @Test
    void aSequenceAnswersWithTheCitationsOfItsLastMember() {
        Sequence chain = Sequence.of("desk", Member.of("triage", says("How long do refunds take?")),
                Member.of("faq", faq()));

        assertCitesTheFaq(chain.run("refund question"));
    }

    @Test
    void aParallelAggregatorsCitationsAreTheTeams() {
        Parallel panel = Parallel.builder("panel").members(Member.of("a", says("one")), Member.of("b", says("two")))
                .aggregateWith(Member.of("faq", faq())).build();

        assertCitesTheFaq(panel.run("refunds?"));
    }

    @Test
    void aLoopAnswersWithTheCitationsOfTheApprovedAnswer() {
        Loop loop = Loop.withCritic("checked", Member.of("faq", faq()), Member.of("critic", says("APPROVED")), 2);

        assertCitesTheFaq(loop.run("refunds?"));
    }

    @Test
    void anEndedDurableTeamReadBackFromItsCheckpointKeepsItsCitations() {
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        AgentResult ended = Sequence.of("desk", Member.of("faq", faq())).withCheckpoints(checkpoints)
                .run("refunds?");

        AgentResult read = Sequence.of("desk", Member.of("faq", says("unused"))).withCheckpoints(checkpoints)
                .resume(ended.runId());

        assertCitesTheFaq(read);
        assertThat(read.citations().get(0).text()).isEqualTo(ended.citations().get(0).text());
    }

    @Test
    void copiesOfAResultKeepCitationsAndProvenance() {
        Passage cited = new Passage("refunds#0", "refunds", "Refunds take 14 days.", 1.0, Map.of());
        AgentResult result = new AgentResult("r", Status.COMPLETED, "14 days [refunds#0]", List.of(), Usage.ZERO,
                "final answer", List.of(cited), Set.of("tool 'fetch_page'"));

        AgentResult copy = result.withOutput("14 days [refunds#0] (checked)").withText(List.of(), "masked", "why")
                .withUntrusted(List.of("blackboard entry a/b"));

        assertThat(copy.citations()).containsExactly(cited);
        assertThat(copy.untrusted()).containsExactly("blackboard entry a/b", "tool 'fetch_page'");
        assertThat(copy.output()).isEqualTo("masked");
    }
}
