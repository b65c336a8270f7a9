package dev.praxis.store;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.Forgetting;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.KnowledgeStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.FileCheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.store.jdbc.JdbcConversationMemory;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import dev.praxis.testing.HashingEmbeddingModel;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One forget sweep over everything an application keeps about a person: a SQLite file (run
 * checkpoints, conversation turns, knowledge), a file checkpoint store of a stateless agent, and
 * the agents themselves. Alice's data is read back from every store afterwards, by API and by
 * SQL; Bob's, and Alice's namesake in another tenant, stay.
 */
class ForgetEverythingTest {

    private static final MemoryScope ALICE = new MemoryScope("acme", "alice", "support", "s1");
    private static final MemoryScope BOB = new MemoryScope("acme", "bob", "support", "s1");
    private static final MemoryScope OTHER_ALICE = new MemoryScope("globex", "alice", "support", "s1");

    @TempDir
    Path dir;
    private JdbcStore db;

    @AfterEach
    void close() {
        db.close();
    }

    private static Toolbox payTools() {
        return Toolbox.of(Tools.of("pay", "pays an amount", JsonObjectSchema.builder().addIntegerProperty("amount")
                        .build(), SideEffect.EXTERNAL, args -> "paid"))
                .withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.askPerson(question));
    }

    @Test
    void oneSweepLeavesNothingOfTheUserInAnyStoreAndTouchesNoOneElse() throws Exception {
        db = SqliteStore.open(dir.resolve("memory.db"));
        JdbcConversationMemory conversations = db.conversations(50);
        KnowledgeStore knowledge = EmbeddingKnowledgeStore.builder(db.vectors(), new HashingEmbeddingModel()).build();
        CheckpointStore files = FileCheckpointStore.in(dir.resolve("runs"));
        LlmAgent support = LlmAgent.builder().name("support").memory(conversations).checkpoints(db.checkpoints())
                .toolbox(payTools()).llm(ScriptedLlm.of(text("hello alice"), toolCall("pay", "{\"amount\":40}"),
                        text("hello bob"), text("hello other alice"))).build();
        LlmAgent desk = LlmAgent.builder().name("desk").checkpoints(files).toolbox(payTools())
                .llm(ScriptedLlm.of(toolCall("pay", "{\"amount\":7}"))).build();
        LlmAgent quick = LlmAgent.builder().name("quick").toolbox(payTools())
                .llm(ScriptedLlm.of(toolCall("pay", "{\"amount\":3}"))).build();

        support.run(AgentRequest.of("hi, I am alice").inSession(ALICE));
        AgentResult paused = support.run(AgentRequest.of("pay my 40 euro invoice").inSession(ALICE));
        support.run(AgentRequest.of("hi, I am bob").inSession(BOB));
        support.run(AgentRequest.of("hi, I am the other alice").inSession(OTHER_ALICE));
        knowledge.add(ALICE, Document.of("prefs", "alice drinks green tea"));
        knowledge.add(BOB, Document.of("prefs", "bob drinks green tea"));
        AgentResult deskRun = desk.run(AgentRequest.of("pay 7 for alice").onBehalfOf(new Owner("acme", "alice")));
        AgentResult quickRun = quick.run(AgentRequest.of("pay 3").onBehalfOf(new Owner("acme", "alice")));
        assertThat(List.of(paused.status(), deskRun.status(), quickRun.status()))
                .containsOnly(Status.AWAITING_APPROVAL);
        assertThat(conversations.messages(ALICE)).isNotEmpty();

        Map<String, Long> erased = Forgetting.of("memory.db", db).and("desk-runs", files).and("support", support)
                .and("desk", desk).and("quick", quick).forgetEach("acme", "alice");

        assertThat(erased.get("memory.db")).isGreaterThanOrEqualTo(4); // 2+ turns, 1 chunk, 1 run
        assertThat(erased).containsEntry("desk-runs", 1L).containsEntry("support", 0L).containsEntry("desk", 0L)
                .containsEntry("quick", 1L);
        assertThat(conversations.messages(ALICE)).isEmpty();
        assertThat(knowledge.recall(ALICE, KnowledgeQuery.of("what does alice drink?"))).isEmpty();
        assertThat(db.checkpoints().load(paused.runId())).isEmpty();
        assertThat(files.load(deskRun.runId())).isEmpty();
        assertThat(quick.hasRun(quickRun.runId())).isFalse();
        assertThatThrownBy(() -> support.resume(paused.runId(), ApprovalDecision.allow()))
                .isInstanceOf(CheckpointException.class);
        assertThat(rows("SELECT COUNT(*) FROM praxis_turns WHERE tenant = 'acme' AND usr = 'alice'"
                + " UNION ALL SELECT COUNT(*) FROM praxis_vectors WHERE tenant = 'acme' AND usr = 'alice'"
                + " UNION ALL SELECT COUNT(*) FROM praxis_checkpoints WHERE tenant = 'acme' AND usr = 'alice'"))
                .containsExactly("0", "0", "0");
        assertThat(rows("SELECT messages FROM praxis_turns UNION ALL SELECT content FROM praxis_vectors"
                + " UNION ALL SELECT state FROM praxis_checkpoints"))
                .noneMatch(text -> text.contains("I am alice") || text.contains("40 euro")
                        || text.contains("alice drinks"));
        assertThat(OldCheckpoints.bytesOf(dir.resolve("memory.db"), dir.resolve("memory.db-wal")))
                .as("deleted content is overwritten in the file, not just unlinked")
                .doesNotContain("I am alice", "40 euro", "alice drinks");
        try (var left = Files.list(dir.resolve("runs"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".run.json"));
        }
        assertThat(conversations.messages(BOB)).isNotEmpty();
        assertThat(conversations.messages(OTHER_ALICE)).isNotEmpty();
        assertThat(knowledge.recall(BOB, KnowledgeQuery.of("what does bob drink?"))).hasSize(1);
        assertThat(db.checkpoints().runIds(RunState.Phase.ENDED))
                .extracting(id -> db.checkpoints().load(id).orElseThrow().owner().orElseThrow())
                .containsExactlyInAnyOrder(BOB.owner(), OTHER_ALICE.owner());
    }

    private List<String> rows(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("memory.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
