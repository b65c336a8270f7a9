package dev.praxis.state;

import dev.praxis.testing.contract.CheckpointStoreContract;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    @Test
    void forgetFindsRunsWrittenBeforeOwnersWereRecordedAndOrphanedTemporaryFiles() throws Exception {
        String json = state("old-run", 3, RunState.Phase.AWAITING_APPROVAL, 5).toJson();
        ObjectNode old = (ObjectNode) new ObjectMapper().readTree(json);
        old.remove("owner"); // what the previous version wrote: the session's scope only
        Files.writeString(dir.resolve("old-run.run.json"), old.toString());
        Files.writeString(dir.resolve(".crashed.tmp"), state("crashed", 1, RunState.Phase.RUNNING, 6).toJson());
        Files.writeString(dir.resolve(".torn.tmp"), "{\"format\":1,\"runId\":\"to");
        CheckpointStore store = store();

        assertThat(store.forget("default", "alice")).isEqualTo(1);

        assertThat(store.load("old-run")).isEmpty();
        assertThat(dir.resolve(".crashed.tmp")).doesNotExist();
        assertThat(dir.resolve(".torn.tmp")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(".lock",
                    "old-run.forgotten");
        }
    }

    @Test
    void aFileWhoseOwnerCannotBeReadStopsForgetWithATypedError() throws Exception {
        Files.writeString(dir.resolve("bad.run.json"), "{\"format\":1,\"scope\":{\"tenant\":7}}");

        assertThatThrownBy(() -> store().forget("default", "alice")).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("cannot tell whose run bad.run.json is");
    }
}
