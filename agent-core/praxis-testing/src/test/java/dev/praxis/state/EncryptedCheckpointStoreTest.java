package dev.praxis.state;

import dev.praxis.memory.KeyRing;
import dev.praxis.memory.MemoryScope;
import dev.praxis.testing.contract.CheckpointStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptedCheckpointStoreTest extends CheckpointStoreContract {

    static final String MARKER = "MARKER-7f3a-transcript";
    static final byte[] KEY_A = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEY_B = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Override
    protected CheckpointStore store() {
        return EncryptedCheckpointStore.over(FileCheckpointStore.in(dir), KeyRing.of("a", Map.of("a", KEY_A)));
    }

    /** A state whose input, conversation, tool call and result all carry the marker. */
    static RunState marked(String runId, long version) {
        RunState s = state(runId, version, RunState.Phase.AWAITING_APPROVAL, 100);
        return new RunState(s.runId(), s.agent(), s.phase(), s.outcome(), "waiting for " + MARKER, "pay " + MARKER,
                Optional.of(MemoryScope.of("alice", "s1")), Optional.empty(),
                List.of(dev.langchain4j.data.message.UserMessage.from("earlier " + MARKER)), s.transcript(), s.remembered(),
                s.steps(), s.usage(), s.elapsed(), s.limits(), s.pending(), s.calls(), s.approvals(), s.extensions(),
                s.version(), s.updatedAt());
    }

    static long filesContaining(Path root, String marker) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    byte[] bytes = Files.readAllBytes(f);
                    outer:
                    for (int i = 0; i + needle.length <= bytes.length; i++) {
                        for (int j = 0; j < needle.length; j++) {
                            if (bytes[i + j] != needle[j]) {
                                continue outer;
                            }
                        }
                        return true;
                    }
                    return false;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
        }
    }

    @Test
    void theMarkerIsInNoFileWhileTheStateLoadsWhole() throws IOException {
        Path plainDir = Files.createDirectories(dir.resolve("plain"));
        Path sealedDir = Files.createDirectories(dir.resolve("sealed"));
        FileCheckpointStore.in(plainDir).save(marked("run-1", 1));
        CheckpointStore sealed = EncryptedCheckpointStore.over(FileCheckpointStore.in(sealedDir), KeyRing.of("a", Map.of("a", KEY_A)));

        sealed.save(marked("run-1", 1));

        assertThat(filesContaining(plainDir, MARKER)).isPositive();          // what a plain store leaves on disk
        assertThat(filesContaining(sealedDir, MARKER)).isZero();
        assertThat(sealed.load("run-1")).contains(marked("run-1", 1));
        assertThat(sealed.runIds(RunState.Phase.AWAITING_APPROVAL)).containsExactly("run-1");
        var owner = marked("run-1", 1).owner().orElseThrow();
        assertThat(sealed.forget(owner.tenant(), owner.user())).isEqualTo(1);
        assertThat(sealed.load("run-1")).isEmpty();
    }

    @Test
    void aRotatedKeyReadsOldStatesAndRotationReEncryptsThemSoTheOldKeyCanGo() throws IOException {
        EncryptedCheckpointStore.over(FileCheckpointStore.in(dir), KeyRing.of("a", Map.of("a", KEY_A))).save(marked("run-1", 1));
        KeyRing both = KeyRing.of("b", Map.of("a", KEY_A, "b", KEY_B));
        EncryptedCheckpointStore rotating = EncryptedCheckpointStore.over(FileCheckpointStore.in(dir), both);
        rotating.save(marked("run-2", 1));

        assertThat(rotating.load("run-1")).isPresent();
        assertThat(rotating.rotate(both)).isEqualTo(1);
        assertThat(rotating.rotate(both)).isZero();

        CheckpointStore onlyB = EncryptedCheckpointStore.over(FileCheckpointStore.in(dir), KeyRing.of("b", Map.of("b", KEY_B)));
        assertThat(onlyB.load("run-1").orElseThrow().input()).isEqualTo("pay " + MARKER);
        assertThat(onlyB.load("run-1").orElseThrow().version()).isEqualTo(2);
        assertThat(onlyB.load("run-2")).contains(marked("run-2", 1));
        CheckpointStore onlyA = EncryptedCheckpointStore.over(FileCheckpointStore.in(dir), KeyRing.of("a", Map.of("a", KEY_A)));
        assertThatThrownBy(() -> onlyA.load("run-1")).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("key 'b', which is not in the ring");
        assertThat(filesContaining(dir, MARKER)).isZero();
    }

    @Test
    void aPlainCheckpointOrOneMovedToAnotherRunIsRefused() throws IOException {
        FileCheckpointStore files = FileCheckpointStore.in(dir);
        files.save(marked("plain", 1));
        CheckpointStore sealed = EncryptedCheckpointStore.over(files, KeyRing.of("a", Map.of("a", KEY_A)));
        sealed.save(marked("run-1", 1));
        RunState shell = files.load("run-1").orElseThrow();
        files.save(new RunState("run-2", shell.agent(), shell.phase(), shell.outcome(), shell.reason(), shell.input(),
                shell.scope(), shell.owner(), shell.history(), shell.transcript(), shell.remembered(), shell.steps(),
                shell.usage(), shell.elapsed(), shell.limits(), shell.pending(), shell.calls(), shell.approvals(),
                shell.extensions(), 1, shell.updatedAt()));

        assertThatThrownBy(() -> sealed.load("plain")).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("without encryption");
        assertThatThrownBy(() -> sealed.load("run-2")).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("cannot open the encrypted checkpoint of run run-2");
    }
}
