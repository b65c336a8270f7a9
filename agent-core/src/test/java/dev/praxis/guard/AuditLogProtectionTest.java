package dev.praxis.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.KeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit log encrypted at rest, and its keyed chain finding tampering that a plain chain cannot. */
class AuditLogProtectionTest {

    static final String MARKER = "MARKER-7f3a-card-4111111111111111";
    static final byte[] CHAIN_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DATA_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path log(AuditLog.Protection protection) {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog audit = AuditLog.open(file, Clock.systemUTC(), false, protection)) {
            audit.append("tool", Map.of("tool", "refund", "arguments", MARKER));
            audit.append("approval", Map.of("tool", "refund", "decision", "approved"));
            audit.append("end", Map.of("status", "COMPLETED", "output", "Refunded " + MARKER));
        }
        return file;
    }

    /** What an attacker without the key does: change a line's data and recompute the plain chain from there. */
    private static void forgeWithPlainChain(Path file, int index, String newOutput) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        String prev = index == 0 ? AuditLog.GENESIS : hashOf(lines.get(index - 1));
        for (int i = index; i < lines.size(); i++) {
            ObjectNode entry = (ObjectNode) JSON.readTree(lines.get(i));
            entry.remove("hash");
            if (i == index) {
                entry.putObject("data").put("status", "COMPLETED").put("output", newOutput);
                entry.remove("sealed");
            }
            entry.put("prev", prev);
            String body = JSON.writeValueAsString(entry);
            prev = sha256(body);
            lines.set(i, body.substring(0, body.length() - 1) + ",\"hash\":\"" + prev + "\"}");
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String hashOf(String line) throws IOException {
        return JSON.readTree(line).path("hash").asText();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void encryptedEntriesLeaveNoMarkerOnDiskAndReadBackWithTheKey() throws IOException {
        AuditLog.Protection protection = AuditLog.Protection.encrypted(ContentCipher.aesGcm(DATA_KEY));
        Path file = log(protection);

        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("MARKER-7f3a")
                .doesNotContain("4111111111111111").contains("\"type\":\"tool\"");
        assertThat(AuditLog.read(file, protection).get(0).path("data").path("arguments").asText()).isEqualTo(MARKER);
        assertThat(AuditLog.verify(file).intact()).isTrue();
        assertThatThrownBy(() -> AuditLog.read(file, AuditLog.Protection.encrypted(ContentCipher.aesGcm(CHAIN_KEY))))
                .isInstanceOf(AuditLog.AuditLogException.class).hasMessageContaining("cannot decrypt audit entry 1");
    }

    @Test
    void aRotatedKeyRingStillReadsOldEntries() {
        KeyRing old = KeyRing.of("k1", Map.of("k1", DATA_KEY));
        Path file = log(AuditLog.Protection.encrypted(old));
        KeyRing rotated = KeyRing.of("k2", Map.of("k1", DATA_KEY, "k2", CHAIN_KEY));

        assertThat(AuditLog.read(file, AuditLog.Protection.encrypted(rotated)).get(2).path("data").path("output").asText())
                .isEqualTo("Refunded " + MARKER);
    }

    @Test
    void aPlainChainRecomputedAfterAnEditStillVerifies() throws IOException {
        Path file = log(AuditLog.Protection.NONE);

        forgeWithPlainChain(file, 1, "nothing happened");

        assertThat(AuditLog.verify(file).intact()).isTrue();      // why the chain should be keyed
    }

    @Test
    void aKeyedChainFindsAnEditEvenWithTheChainRecomputed() throws IOException {
        AuditLog.Protection protection = AuditLog.Protection.encrypted(ContentCipher.aesGcm(DATA_KEY)).keyedChain(CHAIN_KEY);
        Path file = log(protection);
        assertThat(AuditLog.verify(file, protection).intact()).isTrue();

        forgeWithPlainChain(file, 1, "nothing happened");

        assertThat(AuditLog.verify(file, protection)).isInstanceOfSatisfying(AuditVerification.Broken.class,
                b -> assertThat(b.line()).isEqualTo(2));
    }

    @Test
    void aKeyedChainFindsADeletedAndAReorderedEntry() throws IOException {
        AuditLog.Protection protection = AuditLog.Protection.NONE.keyedChain(CHAIN_KEY);
        Path file = log(protection);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        Files.write(file, List.of(lines.get(0), lines.get(2)), StandardCharsets.UTF_8);
        AuditVerification deleted = AuditLog.verify(file, protection);
        Files.write(file, List.of(lines.get(1), lines.get(0), lines.get(2)), StandardCharsets.UTF_8);
        AuditVerification reordered = AuditLog.verify(file, protection);

        assertThat(deleted).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> assertThat(b.line()).isEqualTo(2));
        assertThat(reordered).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> assertThat(b.line()).isEqualTo(1));
    }

    @Test
    void aKeyedChainDoesNotVerifyWithoutItsKeyOrWithAnother() {
        Path file = log(AuditLog.Protection.NONE.keyedChain(CHAIN_KEY));

        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(AuditVerification.Broken.class,
                b -> assertThat(b.reason()).contains("keyed"));
        assertThat(AuditLog.verify(file, AuditLog.Protection.NONE.keyedChain(DATA_KEY)).intact()).isFalse();
        assertThatThrownBy(() -> AuditLog.open(file, Clock.systemUTC(), false, AuditLog.Protection.NONE))
                .isInstanceOf(AuditLog.AuditLogException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aReopenedKeyedLogContinuesItsChain() {
        AuditLog.Protection protection = AuditLog.Protection.NONE.keyedChain(CHAIN_KEY);
        Path file = log(protection);

        try (AuditLog audit = AuditLog.open(file, Clock.systemUTC(), false, protection)) {
            audit.append("end", Map.of("status", "FAILED"));
        }

        assertThat(AuditLog.verify(file, protection)).isInstanceOfSatisfying(AuditVerification.Intact.class,
                i -> assertThat(i.entries()).isEqualTo(4));
    }
}
