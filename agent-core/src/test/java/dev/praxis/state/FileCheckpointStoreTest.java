package dev.praxis.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileCheckpointStoreTest extends CheckpointStoreContract {

    @TempDir
    Path dir;

    @Override
    protected CheckpointStore store() {
        return FileCheckpointStore.in(dir);
    }

    @Test
    void runIdsThatCouldNameAnotherPathAreRefused() {
        CheckpointStore store = store();

        for (String id : new String[] {"../escape", "a/b", ".hidden", "", "x".repeat(129)}) {
            assertThatThrownBy(() -> store.save(state(id, 1, RunState.Phase.RUNNING, 1)))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining("cannot be stored as a file");
        }
        assertThat(dir.getParent().resolve("escape.run.json")).doesNotExist();
    }

    @Test
    void aCorruptFileIsATypedErrorNamingTheRun() throws Exception {
        Files.writeString(dir.resolve("bad.run.json"), "{\"format\":1,\"runId\":\"bad\"");

        assertThatThrownBy(() -> store().load("bad")).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        CheckpointStore store = store();
        store.save(state("r", 1, RunState.Phase.RUNNING, 1));
        store.save(state("r", 2, RunState.Phase.RUNNING, 2));

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r.run.json", ".lock");
        }
    }
}
