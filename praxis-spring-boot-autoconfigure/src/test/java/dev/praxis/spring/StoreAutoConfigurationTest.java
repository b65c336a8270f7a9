package dev.praxis.spring;

import dev.langchain4j.data.message.UserMessage;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.InMemoryCheckpointStore;
import dev.praxis.store.jdbc.JdbcCheckpointStore;
import dev.praxis.store.jdbc.JdbcConversationMemory;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.redis.RedisCheckpointStore;
import dev.praxis.store.redis.RedisConversationMemory;
import dev.praxis.store.redis.RedisTestServer;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

import java.nio.file.Path;
import java.util.List;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** Memory and checkpoints on the application's DataSource (a real SQLite file) and on a real Redis server. */
class StoreAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PraxisAutoConfiguration.class,
                    PraxisJdbcStoreAutoConfiguration.class, PraxisRedisStoreAutoConfiguration.class))
            .withBean(Payments.class);

    private final ApplicationContextRunner withDataSource = runner
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class));

    @TempDir
    Path dir;

    @Test
    void inMemoryStoresByDefaultAndNoDatabaseTouched() {
        withDataSource.withBean(LlmClient.class, () -> ScriptedLlm.of(text("ok")))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + dir.resolve("unused.db"))
                .run(context -> {
                    assertThat(context).hasSingleBean(ConversationMemory.class).doesNotHaveBean(JdbcStore.class);
                    assertThat(context.getBean(CheckpointStore.class)).isInstanceOf(InMemoryCheckpointStore.class);
                });
    }

    @Test
    void aRunPausedForApprovalSurvivesARestartOnTheApplicationsDatabase() {
        String url = "spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db");
        String[] jdbc = {url, "praxis.memory.store=jdbc", "praxis.checkpoints.store=jdbc"};
        String[] runId = new String[1];
        withDataSource.withPropertyValues(jdbc)
                .withBean(LlmClient.class, () -> ScriptedLlm.of(toolCall("pay", "{\"invoice\":\"INV-1\"}")))
                .run(context -> {
                    assertThat(context.getBean(ConversationMemory.class)).isInstanceOf(JdbcConversationMemory.class);
                    assertThat(context.getBean(CheckpointStore.class)).isInstanceOf(JdbcCheckpointStore.class);
                    AgentResult paused = context.getBean(LlmAgent.class)
                            .run(AgentRequest.of("Pay INV-1").inSession(MemoryScope.of("u", "s1")));
                    assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);
                    runId[0] = paused.runId();
                });

        withDataSource.withPropertyValues(jdbc).withBean(LlmClient.class, () -> ScriptedLlm.of(text("Paid INV-1.")))
                .run(context -> {
                    PraxisApprovals approvals = context.getBean(PraxisApprovals.class);
                    assertThat(approvals.waiting()).extracting(PraxisApprovals.WaitingRun::runId).containsExactly(runId[0]);

                    AgentResult done = approvals.decide(runId[0], ApprovalDecision.allow());

                    assertThat(done.output()).isEqualTo("Paid INV-1.");
                    assertThat(context.getBean(Payments.class).paid()).containsExactly("INV-1");
                    assertThat(context.getBean(ConversationMemory.class).messages(MemoryScope.of("u", "s1")))
                            .isNotEmpty();
                });
    }

    @Test
    void jdbcWithoutADataSourceFailsNamingTheSetting() {
        runner.withBean(LlmClient.class, () -> ScriptedLlm.of(text("ok")))
                .withPropertyValues("praxis.checkpoints.store=jdbc")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("needs one DataSource bean: set spring.datasource.url"));
    }

    @Test
    void aDatabaseOtherThanSqliteOrPostgresIsRefusedByName() {
        runner.withBean(LlmClient.class, () -> ScriptedLlm.of(text("ok")))
                .withPropertyValues("praxis.memory.store=jdbc")
                .withBean(javax.sql.DataSource.class, () -> new org.springframework.jdbc.datasource.SimpleDriverDataSource() {
                    @Override
                    public java.sql.Connection getConnection() {
                        return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[]{java.sql.Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                                    case "getMetaData" -> java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                                            new Class<?>[]{java.sql.DatabaseMetaData.class},
                                            (p, m, a) -> m.getName().equals("getDatabaseProductName") ? "H2" : null);
                                    case "close" -> null;
                                    default -> throw new UnsupportedOperationException(method.getName());
                                });
                    }
                })
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("the application's DataSource is H2"));
    }

    @Test
    void redisStoresOnTheConfiguredServer() {
        int port = RedisTestServer.port();
        runner.withPropertyValues("praxis.memory.store=redis", "praxis.checkpoints.store=redis",
                        "praxis.redis.url=redis://127.0.0.1:" + port)
                .withBean(LlmClient.class, () -> ScriptedLlm.of(toolCall("pay", "{\"invoice\":\"INV-R\"}")))
                .run(context -> {
                    assertThat(context.getBean(ConversationMemory.class)).isInstanceOf(RedisConversationMemory.class);
                    assertThat(context.getBean(CheckpointStore.class)).isInstanceOf(RedisCheckpointStore.class);
                    AgentResult paused = context.getBean(LlmAgent.class).run("Pay INV-R");

                    try (UnifiedJedis direct = RedisClient.create("127.0.0.1", port)) {
                        assertThat(direct.exists("praxis:run:" + paused.runId())).isTrue();
                    }
                    assertThat(context.getBean(PraxisApprovals.class).waiting(paused.runId())).isPresent();
                });
    }

    @Test
    void theApplicationsRedisClientBeanIsUsed() {
        int port = RedisTestServer.port();
        UnifiedJedis own = RedisClient.create("127.0.0.1", port);  // the context closes it, as it does any bean
        runner.withPropertyValues("praxis.memory.store=redis")
                .withBean(UnifiedJedis.class, () -> own)
                .withBean(LlmClient.class, () -> ScriptedLlm.of(text("ok")))
                .run(context -> {
                    var scope = MemoryScope.of("u", "redis-own");
                    context.getBean(ConversationMemory.class).append(scope, List.of(UserMessage.from("hi")));
                    assertThat(context.getBean(ConversationMemory.class).messages(scope)).hasSize(1);
                    assertThat(context.getBean(UnifiedJedis.class)).isSameAs(own);
                });
    }

    @Test
    void redisStoresWithoutAgentMemoryFailNamingTheDependency() {
        runner.withBean(LlmClient.class, () -> ScriptedLlm.of(text("ok")))
                .withPropertyValues("praxis.checkpoints.store=redis")
                .withClassLoader(new FilteredClassLoader(RedisCheckpointStore.class))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("praxis.checkpoints.store=redis needs dev.praxis:agent-memory"));
    }
}
