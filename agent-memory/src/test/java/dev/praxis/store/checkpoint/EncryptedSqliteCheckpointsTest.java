package dev.praxis.store.checkpoint;

import dev.praxis.memory.KeyRing;
import dev.praxis.state.CheckpointStore;
import dev.praxis.testing.contract.CheckpointStoreContract;
import dev.praxis.state.EncryptedCheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The encrypted decorator over a real SQLite checkpoint file: the contract holds and no transcript byte is on disk. */
class EncryptedSqliteCheckpointsTest extends CheckpointStoreContract {

    private static final String MARKER = "MARKER-sqlite-91c2";
    private static final KeyRing RING = KeyRing.of("k1", Map.of("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));

    @TempDir
    Path dir;
    private final List<JdbcStore> opened = new ArrayList<>();

    @Override
    protected CheckpointStore store() {
        JdbcStore file = SqliteStore.open(dir.resolve("runs.db"));
        opened.add(file);
        return EncryptedCheckpointStore.over(file.checkpoints(), RING);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcStore::close);
    }

    @Test
    void noFileOfTheDatabaseHoldsTheMarker() throws IOException {
        RunState s = state("run-1", 1, RunState.Phase.RUNNING, 100);
        RunState marked = new RunState(s.runId(), s.agent(), s.phase(), s.outcome(), s.reason(), "refund " + MARKER,
                s.scope(), s.owner(), List.of(dev.langchain4j.data.message.UserMessage.from(MARKER)), s.transcript(),
                s.remembered(), s.steps(), s.usage(), s.elapsed(), s.limits(), s.pending(), s.calls(), s.approvals(),
                s.extensions(), s.version(), s.updatedAt());
        CheckpointStore store = store();

        store.save(marked);

        assertThat(store.load("run-1")).contains(marked);
        byte[] needle = MARKER.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.getFileName().toString()).doesNotContain(new String(needle, StandardCharsets.ISO_8859_1));
            }
        }
    }
}
