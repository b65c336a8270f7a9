package dev.praxis.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdsTest {

    @Test
    void idsAreDistinctRandomUuidsAcrossThreadsAndBlocks() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 2_000; i++) {
                    ids.add(RunIds.next());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(ids).hasSize(16_000);
        assertThat(ids).allSatisfy(id -> {
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
        });
    }

    @Test
    void aSourceThatIsMissingOrTooShortIsNotUsed(@TempDir Path dir) throws Exception {
        Path shortFile = Files.write(dir.resolve("short"), new byte[8]);
        byte[] bytes = new byte[16];

        assertThat(RunIds.read(dir.resolve("missing").toString(), bytes)).isFalse();
        assertThat(RunIds.read(shortFile.toString(), bytes)).isFalse();
    }

    @Test
    void readsFreshBytesFromTheSystemGenerator() {
        Path device = Path.of("/dev/urandom");
        byte[] first = new byte[64];
        byte[] second = new byte[64];
        if (Files.isReadable(device)) {
            assertThat(RunIds.read(device.toString(), first)).isTrue();
            assertThat(RunIds.read(device.toString(), second)).isTrue();
            assertThat(first).isNotEqualTo(second).isNotEqualTo(new byte[64]);
        }
        assertThat(RunIds.randomBytes(64)).hasSize(64).isNotEqualTo(RunIds.randomBytes(64));
    }
}
