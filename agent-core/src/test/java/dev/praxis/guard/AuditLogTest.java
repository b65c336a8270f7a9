package dev.praxis.guard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogTest {

    @TempDir
    Path dir;

    private Path writeFive() {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file)) {
            for (int i = 1; i <= 5; i++) {
                log.append("tool_call", Map.of("tool", "send_email", "n", i));
            }
        }
        return file;
    }

    private static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private static void rewrite(Path file, List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    @Test
    void untouchedLogVerifiesWithItsHead() {
        Path file = dir.resolve("audit.jsonl");
        String head;
        try (AuditLog log = AuditLog.open(file)) {
            log.append("run_started", Map.of("input", "hi"));
            head = log.append("run_ended", Map.of("status", "COMPLETED"));
            assertThat(log.head()).isEqualTo(head);
            assertThat(log.size()).isEqualTo(2);
        }

        assertThat(AuditLog.verify(file)).isEqualTo(new AuditVerification.Intact(2, head));
        assertThat(AuditLog.read(file)).extracting(n -> n.get("type").asText()).containsExactly("run_started", "run_ended");
    }

    @Test
    void detectsAnEditedLine() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        lines.set(2, lines.get(2).replace("send_email", "read_inbox"));
        rewrite(file, lines);

        assertThat(AuditLog.verify(file)).isEqualTo(new AuditVerification.Broken(3, "content does not match its hash (edited)"));
    }

    @Test
    void detectsARemovedLine() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        lines.remove(1);
        rewrite(file, lines);

        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> {
            assertThat(b.line()).isEqualTo(2);
            assertThat(b.reason()).contains("removed or reordered");
        });
    }

    @Test
    void detectsReorderedLines() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        Collections.swap(lines, 3, 4);
        rewrite(file, lines);

        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(AuditVerification.Broken.class,
                b -> assertThat(b.line()).isEqualTo(4));
    }

    @Test
    void detectsAnEditWhoseHashWasRecomputedByTheNextLink() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        String edited = lines.get(0).replace("send_email", "read_inbox");
        String body = edited.substring(0, edited.indexOf(",\"hash\":\"")) + "}";
        lines.set(0, body.substring(0, body.length() - 1) + ",\"hash\":\"" + AuditLog.sha256(body) + "\"}");
        rewrite(file, lines);

        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(AuditVerification.Broken.class,
                b -> assertThat(b.line()).isEqualTo(2));
    }

    @Test
    void detectsACutOffTailOnlyAgainstAKeptHead() throws IOException {
        Path file = writeFive();
        String head = ((AuditVerification.Intact) AuditLog.verify(file)).head();
        List<String> lines = lines(file);
        rewrite(file, lines.subList(0, 4));

        assertThat(AuditLog.verify(file).intact()).isTrue();
        assertThat(AuditLog.verify(file, head)).isInstanceOfSatisfying(AuditVerification.Broken.class,
                b -> assertThat(b.reason()).contains("cut off"));
    }

    @Test
    void reopeningContinuesTheChain() {
        Path file = writeFive();
        try (AuditLog log = AuditLog.open(file)) {
            assertThat(log.size()).isEqualTo(5);
            log.append("run_started", Map.of());
        }

        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(AuditVerification.Intact.class,
                i -> assertThat(i.entries()).isEqualTo(6));
    }

    @Test
    void refusesToChainOntoADamagedLastLine() throws IOException {
        Path file = writeFive();
        Files.writeString(file, "{\"seq\":6,\"half", java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> AuditLog.open(file)).isInstanceOf(AuditLog.AuditLogException.class)
                .hasMessageContaining("not a valid entry");
        assertThat(AuditLog.verify(file)).isEqualTo(new AuditVerification.Broken(6, "not a well-formed audit entry"));
    }

    @Test
    void concurrentAppendsKeepOneValidChain() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, java.time.Clock.systemUTC(), false)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 50; i++) {
                        log.append("tick", Map.of("thread", id, "i", i));
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }

        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(AuditVerification.Intact.class,
                i -> assertThat(i.entries()).isEqualTo(200));
    }
}
