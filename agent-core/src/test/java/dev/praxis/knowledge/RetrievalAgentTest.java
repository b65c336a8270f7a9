package dev.praxis.knowledge;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.KnowledgeStore;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.testing.HashingEmbeddingModel;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetrievalAgentTest {

    private static final MemoryScope FAQ = MemoryScope.session("faq");

    private final KnowledgeStore store = EmbeddingKnowledgeStore.builder(new InMemoryVectorStore(),
            new HashingEmbeddingModel()).build();
    private final Retriever faq = KnowledgeRetriever.over(store, FAQ);

    RetrievalAgentTest() {
        store.add(FAQ, Document.of("refunds", "Refunds reach your card within 14 days of the return. Shipping costs"
                + " are not refunded.").with("topic", "billing"));
        store.add(FAQ, Document.of("shipping", "Orders ship within 2 working days from our Lyon warehouse.")
                .with("topic", "delivery"));
        store.add(FAQ, Document.of("warranty", "Every kettle carries a warranty of 2 years against defects.")
                .with("topic", "products"));
    }

    @Test
    void injectedPassagesAnswerTheQuestionAndTheCitedOneIsTheCitation() {
        var reader = new PassageReader();
        LlmAgent agent = LlmAgent.builder().llm(reader).knowledge(Retrieval.inject(faq).topK(2)).build();

        AgentResult result = agent.run("How many days until refunds reach my card?");

        assertThat(result.output()).isEqualTo("Refunds reach your card within 14 days of the return. [refunds#0]");
        assertThat(result.citations()).singleElement().satisfies(p -> {
            assertThat(p.sourceId()).isEqualTo("refunds#0");
            assertThat(p.documentId()).isEqualTo("refunds");
            assertThat(p.metadata()).containsEntry("topic", "billing");
        });
    }

    @Test
    void withoutRetrievalTheSameModelCannotAnswer() {
        var reader = new PassageReader();

        AgentResult result = LlmAgent.builder().llm(reader).build().run("How many days until refunds reach my card?");

        assertThat(result.output()).isEqualTo(PassageReader.UNKNOWN);
        assertThat(result.citations()).isEmpty();
    }

    @Test
    void theAnswerFollowsWhatTheStoreHoldsNow() {
        store.add(FAQ, Document.of("refunds", "Refunds reach your card within 30 days since March. Ask us for"
                + " details."));
        LlmAgent agent = LlmAgent.builder().llm(new PassageReader()).knowledge(Retrieval.inject(faq)).build();

        AgentResult result = agent.run("How many days until refunds reach my card?");

        assertThat(result.output()).startsWith("Refunds reach your card within 30 days since March.");
    }

    @Test
    void passagesCarryTheirSourceIdsAndSitJustBeforeTheInput() {
        var reader = new PassageReader();
        LlmAgent agent = LlmAgent.builder().llm(reader).systemPrompt("Be brief.")
                .knowledge(Retrieval.inject(faq).topK(2)).build();

        agent.run("When do orders ship from the warehouse?");

        List<ChatMessage> prompt = reader.requests.get(0).messages();
        assertThat(prompt).hasSize(3);
        String knowledge = ((UserMessage) prompt.get(1)).singleText();
        assertThat(knowledge).contains("[shipping#0]\nOrders ship within 2 working days", "not instructions")
                .doesNotContain("warranty of 2 years" + "x");
        assertThat(((UserMessage) prompt.get(2)).singleText()).isEqualTo("When do orders ship from the warehouse?");
    }

    @Test
    void metadataFilterKeepsOtherTopicsOut() {
        var reader = new PassageReader();
        LlmAgent agent = LlmAgent.builder().llm(reader)
                .knowledge(Retrieval.inject(faq).topK(3).where("topic", "products")).build();

        AgentResult result = agent.run("How many days until refunds reach my card?");

        assertThat(((UserMessage) reader.requests.get(0).messages().get(0)).singleText())
                .contains("[warranty#0]").doesNotContain("[refunds#0]", "[shipping#0]");
        assertThat(result.output()).isEqualTo(PassageReader.UNKNOWN);
    }

    @Test
    void passagesStayOutOfConversationMemory() {
        var memory = MessageWindowMemory.of(20);
        MemoryScope session = MemoryScope.of("ann", "chat-1");
        LlmAgent agent = LlmAgent.builder().llm(new PassageReader()).memory(memory)
                .knowledge(Retrieval.inject(faq)).build();

        agent.run(AgentRequest.of("How many days until refunds reach my card?").inSession(session));

        assertThat(memory.messages(session)).hasSize(2)
                .noneMatch(m -> m instanceof UserMessage u && u.singleText().contains("<passages>"));
    }

    @Test
    void knowledgeToolSearchesAndTheAnswerCitesWhatItFound() {
        var reader = new PassageReader();
        LlmAgent agent = LlmAgent.builder().llm(reader).knowledge(Retrieval.tool(faq)).build();

        AgentResult result = agent.run("Which warranty does a kettle carry?");

        assertThat(result.steps()).hasSize(2);
        assertThat(result.steps().get(0).calls()).singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("search_knowledge"));
        assertThat(result.output()).isEqualTo("Every kettle carries a warranty of 2 years against defects. [warranty#0]");
        assertThat(result.citations()).extracting(Passage::sourceId).containsExactly("warranty#0");
        assertThat(result.citations().get(0).metadata()).containsEntry("topic", "products");
    }

    @Test
    void aCitedIdThatWasNeverRetrievedIsNoCitation() {
        var llm = ScriptedLlm.of(ScriptedLlm.text("Refunds take a week [refunds#7], see [policy](https://x.test)."));
        LlmAgent agent = LlmAgent.builder().llm(llm).knowledge(Retrieval.inject(faq)).build();

        AgentResult result = agent.run("How many days until refunds reach my card?");

        assertThat(result.completed()).isTrue();
        assertThat(result.citations()).isEmpty();
    }

    @Test
    void aFailingRetrieverEndsTheRunFailedBeforeAnyModelCall() {
        var reader = new PassageReader();
        Retriever broken = query -> {
            throw new MemoryException("knowledge.db is locked");
        };
        LlmAgent agent = LlmAgent.builder().llm(reader).knowledge(Retrieval.inject(broken)).build();

        AgentResult result = agent.run("How many days until refunds reach my card?");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).contains("knowledge.db is locked");
        assertThat(reader.requests).isEmpty();
    }

    @Test
    void aFailingRetrieverInsideTheToolIsReportedToTheModel() {
        var reader = new PassageReader();
        Retriever broken = query -> {
            throw new MemoryException("knowledge.db is locked", null, true);
        };
        LlmAgent agent = LlmAgent.builder().llm(reader).knowledge(Retrieval.tool(broken)).build();

        AgentResult result = agent.run("Which warranty does a kettle carry?");

        assertThat(result.steps().get(0).results()).singleElement().isInstanceOfSatisfying(ToolResult.Failed.class,
                f -> {
                    assertThat(f.error()).contains("knowledge.db is locked");
                    assertThat(f.retriable()).isTrue();
                });
        assertThat(result.output()).isEqualTo(PassageReader.UNKNOWN);
    }

    @Test
    void aResumedRunSeesThePassagesItStartedWith() {
        var pay = Tools.of("pay", "pays", JsonObjectSchema.builder().build(), SideEffect.EXTERNAL, args -> "paid");
        Toolbox toolbox = Toolbox.of(pay).withApproval(ApprovalPolicy.standard(),
                (request, question) -> ApprovalDecision.askPerson(question));
        var reader = new PassageReader();
        var llm = ScriptedLlm.of(ScriptedLlm.toolCall("pay", "{}"), reader::chat);
        LlmAgent agent = LlmAgent.builder().llm(llm).toolbox(toolbox).knowledge(Retrieval.inject(faq)).build();
        AgentResult paused = agent.run("How many days until refunds reach my card?");
        store.delete(FAQ, "refunds");

        AgentResult done = agent.resume(paused.runId(), ApprovalDecision.allow());

        assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(done.output()).startsWith("Refunds reach your card within 14 days");
        assertThat(done.citations()).extracting(Passage::sourceId).containsExactly("refunds#0");
    }
}
