package dev.praxis.store.trajectory;

import dev.praxis.env.EncryptedTrajectoryStore;
import dev.praxis.env.Trajectory;
import dev.praxis.env.TrajectoryStore;
import dev.praxis.memory.KeyRing;
import dev.praxis.memory.MemoryException;
import dev.praxis.store.TrajectoryStoreContract;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encrypted trajectories over a real SQLite file: the contract holds, and no byte of the file is plain text. */
class EncryptedSqliteTrajectoriesTest extends TrajectoryStoreContract {

    private static final KeyRing KEYS = KeyRing.of("k1", Map.of("k1", new byte[32]));

    @TempDir
    Path dir;
    private JdbcStore store;

    @Override
    protected TrajectoryStore store() {
        if (store == null) {
            store = SqliteStore.open(dir.resolve("trajectories.db"));
        }
        return EncryptedTrajectoryStore.over(store.trajectories(), KEYS);
    }

    @Override
    protected TrajectoryStore reopened() {
        store();
        store.close();
        store = SqliteStore.open(dir.resolve("trajectories.db"));
        return EncryptedTrajectoryStore.over(store.trajectories(), KEYS);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theFileHoldsNoTextOfTheTranscriptOrTheFeedback() throws Exception {
        List<Trajectory> runs = recordedRuns();
        runs.forEach(store()::save);
        store().feedback(runs.get(1).id(), 1.0, "liked the " + MARKER);
        store.close();
        store = null;

        List<String> words = List.of(MARKER, "You read notes.", "what does the plan say", "Reads the note");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String word : words) {
                    assertThat(bytes).as(file + " holds '" + word + "'").doesNotContain(word);
                }
            }
        }
        assertThat(reopened().find(runs.get(1).id()).orElseThrow().feedback().get(0).comment()).contains(MARKER);
    }

    @Test
    void plainRowsAndOtherKeysAreRefused() {
        Trajectory run = recordedRuns().get(0);
        store();
        store.trajectories().save(run);

        assertThatThrownBy(() -> store().find(run.id())).isInstanceOf(MemoryException.class);
        store().save(run);
        var otherKey = EncryptedTrajectoryStore.over(store.trajectories(), KeyRing.of("k2", Map.of("k2", new byte[16])));
        assertThatThrownBy(() -> otherKey.find(run.id())).isInstanceOf(MemoryException.class)
                .hasMessageContaining("k1");
    }

    @Test
    void rotationReencryptsEveryRunAndItsFeedbackSoTheOldKeyCanGo() {
        List<Trajectory> runs = recordedRuns();
        runs.forEach(store()::save);
        store().feedback(runs.get(0).id(), 1.0, "liked the " + MARKER);
        byte[] newKey = new byte[32];
        newKey[0] = 7;
        KeyRing both = KeyRing.of("k2", Map.of("k1", new byte[32], "k2", newKey));
        EncryptedTrajectoryStore rotating = EncryptedTrajectoryStore.over(store.trajectories(), both);

        long rotated = rotating.rotate(both);

        assertThat(rotated).isEqualTo(runs.size());
        assertThat(rotating.rotate(both)).as("nothing left on the old key").isZero();
        var newOnly = EncryptedTrajectoryStore.over(store.trajectories(), KeyRing.of("k2", Map.of("k2", newKey)));
        assertThat(newOnly.all()).extracting(Trajectory::id)
                .containsExactlyInAnyOrderElementsOf(runs.stream().map(Trajectory::id).toList());
        assertThat(newOnly.find(runs.get(0).id()).orElseThrow().feedback()).singleElement()
                .satisfies(f -> assertThat(f.comment()).isEqualTo("liked the " + MARKER));
        assertThat(newOnly.find(runs.get(1).id()).orElseThrow().task()).isEqualTo(runs.get(1).task());
        assertThatThrownBy(() -> store().find(runs.get(0).id())).as("the old key alone no longer opens it")
                .isInstanceOf(MemoryException.class);
        assertThatThrownBy(() -> rotating.rotate(KeyRing.of("k2", Map.of("k2", newKey))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
