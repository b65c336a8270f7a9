package dev.praxis.examples.docs;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.praxis.examples.offline.MiniLm;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.KnowledgeStore;
import dev.praxis.memory.Forgetting;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.memory.Recollection;
import dev.praxis.state.RunState;
import dev.praxis.store.embedding.LocalEmbeddings;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/memory.md, run with the real MiniLM model and a real SQLite file. */
class MemorySnippets {

    @TempDir
    Path dataDir;

    @Test
    void sharedKnowledgeIsFoundOnlyWhenNamed() {
        KnowledgeStore knowledge = EmbeddingKnowledgeStore.builder(new InMemoryVectorStore(), MiniLm.model()).build();
        MemoryScope aliceScope = MemoryScope.of("alice", "chat-1");
        // tag::shared[]
        var team = new MemoryScope("acme", "shared", "support-team", "kb");
        knowledge.add(team, Document.of("hours", "The office opens at nine."));
        knowledge.recall(aliceScope, KnowledgeQuery.of("when do you open?").alsoFrom(team));
        // end::shared[]

        assertThat(knowledge.recall(aliceScope, KnowledgeQuery.of("when do you open?"))).isEmpty();
        assertThat(knowledge.recall(aliceScope, KnowledgeQuery.of("when do you open?").alsoFrom(team)))
                .extracting(Recollection::documentId).containsExactly("hours");
    }

    @Test
    void knowledgeInSqliteIsRecalledByMeaning() {
        MemoryScope scope = MemoryScope.of("alice", "chat-1");
        // tag::sqlite[]
        EmbeddingModel model = LocalEmbeddings.allMiniLm();            // in-process, 384 dims, offline
        try (JdbcStore db = SqliteStore.open(dataDir.resolve("memory.db"))) {
            KnowledgeStore knowledge = EmbeddingKnowledgeStore.builder(db.vectors(), model).build();
            knowledge.add(scope, Document.of("refunds", "Refunds are paid within 14 days.").with("topic", "billing"));
            List<Recollection> hits = knowledge.recall(scope,
                    KnowledgeQuery.of("how long do refunds take?").topK(3).where("topic", "billing").minScore(0.3));
            hits.forEach(hit -> System.out.println(hit.score() + " " + hit.text()));
        }
        // end::sqlite[]

        try (JdbcStore reopened = SqliteStore.open(dataDir.resolve("memory.db"))) {
            KnowledgeStore knowledge = EmbeddingKnowledgeStore.builder(reopened.vectors(), model).build();
            assertThat(knowledge.recall(scope, KnowledgeQuery.of("how long do refunds take?").where("topic", "billing")
                    .minScore(0.3))).singleElement().satisfies(hit -> {
                        assertThat(hit.text()).isEqualTo("Refunds are paid within 14 days.");
                        assertThat(hit.documentId()).isEqualTo("refunds");
                    });
            assertThat(knowledge.recall(scope, KnowledgeQuery.of("how long do refunds take?").where("topic", "shipping")))
                    .isEmpty();
        }
    }

    @Test
    void oneForgetSweepErasesTheUsersConversationsAndRuns() {
        LlmClient llm = ScriptedLlm.of(ScriptedLlm.text("Hello Alice"), ScriptedLlm.text("A summary"));
        try (JdbcStore db = SqliteStore.open(dataDir.resolve("memory.db"))) {
            // tag::forget[]
            LlmAgent agent = LlmAgent.builder().llm(llm).memory(db.conversations(50)).checkpoints(db.checkpoints())
                    .build();
            agent.run(AgentRequest.of("Hi, I'm Alice.").inSession(new MemoryScope("acme", "alice", "support", "c1")));
            agent.run(AgentRequest.of("Summarise this page.").onBehalfOf(new Owner("acme", "alice"))); // no session
            Forgetting everything = Forgetting.of("memory.db", db).and("support-agent", agent);
            Map<String, Long> erased = everything.forgetEach("acme", "alice"); // ForgetFailedException names failures
            // end::forget[]

            assertThat(erased).as("two turns, two runs").containsEntry("memory.db", 4L).containsEntry("support-agent", 0L);
            assertThat(db.checkpoints().runIds(RunState.Phase.ENDED)).isEmpty();
            assertThat(db.conversations(50).messages(new MemoryScope("acme", "alice", "support", "c1"))).isEmpty();
        }
    }
}
