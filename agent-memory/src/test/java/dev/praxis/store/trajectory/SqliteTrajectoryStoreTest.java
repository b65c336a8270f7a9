package dev.praxis.store.trajectory;

import dev.praxis.env.TrajectoryStore;
import dev.praxis.store.TrajectoryStoreContract;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Trajectories in a real SQLite file, read back after the store is closed and opened again. */
class SqliteTrajectoryStoreTest extends TrajectoryStoreContract {

    @TempDir
    Path dir;
    private JdbcStore store;

    @Override
    protected TrajectoryStore store() {
        if (store == null) {
            store = SqliteStore.open(dir.resolve("trajectories.db"));
        }
        return store.trajectories();
    }

    @Override
    protected TrajectoryStore reopened() {
        store();
        store.close();
        store = SqliteStore.open(dir.resolve("trajectories.db"));
        return store.trajectories();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }
}
