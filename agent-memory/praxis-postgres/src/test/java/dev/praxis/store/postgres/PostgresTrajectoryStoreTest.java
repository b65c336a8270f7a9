package dev.praxis.store.postgres;

import dev.praxis.env.EncryptedTrajectoryStore;
import dev.praxis.env.Trajectory;
import dev.praxis.env.TrajectoryStore;
import dev.praxis.memory.KeyRing;
import dev.praxis.store.TrajectoryStoreContract;
import dev.praxis.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Trajectories in a real PostgreSQL server (embedded binaries), plain and encrypted. */
class PostgresTrajectoryStoreTest extends TrajectoryStoreContract {

    private String url;
    private JdbcStore store;

    @Override
    protected TrajectoryStore store() {
        if (store == null) {
            url = PostgresServer.newDatabase();
            store = PostgresStore.openPortable(url, "postgres", "", 4);
        }
        return store.trajectories();
    }

    @Override
    protected TrajectoryStore reopened() {
        store();
        store.close();
        store = PostgresStore.openPortable(url, "postgres", "", 4);
        return store.trajectories();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void encryptedRowsHoldNoTextOfTheTranscriptOrTheFeedback() throws Exception {
        store();
        var sealed = EncryptedTrajectoryStore.over(store.trajectories(), KeyRing.of("k1", Map.of("k1", new byte[32])));
        List<Trajectory> runs = recordedRuns();
        runs.forEach(sealed::save);
        sealed.feedback(runs.get(1).id(), 1.0, "liked the " + MARKER);

        StringBuilder everything = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            for (String table : List.of("praxis_trajectories", "praxis_trajectory_feedback")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            everything.append(rs.getString(i)).append('\n');
                        }
                    }
                }
            }
        }

        assertThat(everything).contains(runs.get(0).id()).doesNotContain(MARKER, "You read notes.",
                "what does the plan say", "Reads the note");
        assertThat(sealed.find(runs.get(1).id()).orElseThrow().conversation())
                .isEqualTo(runs.get(1).conversation());
    }
}
