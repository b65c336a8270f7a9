package dev.praxis.store.postgres;

import dev.praxis.testing.contract.CheckpointStoreContract;
import dev.praxis.state.CheckpointConflictException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.store.OldCheckpoints;
import dev.praxis.store.jdbc.Dialect;
import dev.praxis.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresCheckpointStoreTest extends CheckpointStoreContract {

    private JdbcStore store;

    @Override
    protected CheckpointStore store() {
        if (store == null) {
            store = PostgresStore.open(PostgresServer.newDatabase(), "postgres", "", 8);
        }
        return store.checkpoints();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void onlyOneOfManyConcurrentSaversOfAVersionWins() throws Exception {
        CheckpointStore checkpoints = store();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> savers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                savers.add(() -> {
                    try {
                        checkpoints.save(state("race", 1, RunState.Phase.RUNNING, 100));
                        return true;
                    } catch (CheckpointConflictException e) {
                        return false;
                    }
                });
            }
            long winners = 0;
            for (Future<Boolean> f : pool.invokeAll(savers)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDatabaseOfTheVersionBeforeOwnersOpensMigratedAndItsOldRunsAreForgettable() throws Exception {
        String url = PostgresServer.newDatabase();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE praxis_schema (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            for (String ddl : Dialect.POSTGRES.migrations().get(0)) {
                s.execute(ddl); // vectors and turns: unchanged since
            }
            s.execute(OldCheckpoints.JDBC_TABLE);
            s.execute(OldCheckpoints.JDBC_INDEX);
            s.execute("INSERT INTO praxis_schema VALUES (1, 0), (2, 0)");
            OldCheckpoints.insert(c, "praxis_checkpoints", false);
        }

        store = PostgresStore.open(url, "postgres", "", 2);
        OldCheckpoints.assertForgettable(store.checkpoints());
        store.close();
        store = PostgresStore.open(url, "postgres", "", 2);
        OldCheckpoints.assertStillForgotten(store.checkpoints());
    }
}
