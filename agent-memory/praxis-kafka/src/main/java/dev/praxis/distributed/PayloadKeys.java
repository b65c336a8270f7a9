package dev.praxis.distributed;

import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.Owner;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One data key per person for the content of run records on Kafka (inputs, decisions, answers,
 * approval questions), so that {@code forget} can crypto-shred what topic retention keeps:
 * after {@link #shred}, every record sealed with that person's key is unreadable on every
 * broker, replica and backup, while other people's records stay readable. Routing fields (run
 * id, agent, session key, status, counts) stay readable so records can be partitioned and
 * matched. Client and workers must share the same keys (back this interface with your KMS or
 * vault); {@link #inMemory()} serves one process. Implementations are thread-safe.
 *
 * <pre>{@code
 * PayloadKeys keys = PayloadKeys.inMemory();
 * RunClient client = RunClient.connect(servers, topics, Map.of(), keys);
 * KafkaWorker.builder()...payloadKeys(keys).start();
 * keys.shred(Owner.of("alice"));      // alice's payloads on every topic are now unreadable
 * }</pre>
 */
public interface PayloadKeys {

    /** Seals nothing: records carry their content in plain JSON (the default). */
    PayloadKeys NONE = new PayloadKeys() {
        @Override
        public Optional<ContentCipher> cipher(Owner owner, boolean create) {
            return Optional.of(ContentCipher.NONE);
        }

        @Override
        public void shred(Owner owner) {
        }
    };

    /**
     * The cipher of {@code owner}'s key: created first when {@code create} is set and the owner
     * has none; empty when the owner has no key (never made, or shredded).
     */
    Optional<ContentCipher> cipher(Owner owner, boolean create);

    /** Deletes {@code owner}'s key for good: their sealed payloads can no longer be read anywhere. */
    void shred(Owner owner);

    /** Random AES-256 keys held in this process's memory (lost on exit, so not for a fleet of processes). */
    static PayloadKeys inMemory() {
        return new PayloadKeys() {
            private final SecureRandom random = new SecureRandom();
            private final Map<Owner, ContentCipher> keys = new ConcurrentHashMap<>();

            @Override
            public Optional<ContentCipher> cipher(Owner owner, boolean create) {
                Objects.requireNonNull(owner, "owner");
                if (!create) {
                    return Optional.ofNullable(keys.get(owner));
                }
                return Optional.of(keys.computeIfAbsent(owner, o -> {
                    byte[] key = new byte[32];
                    random.nextBytes(key);
                    return ContentCipher.aesGcm(key);
                }));
            }

            @Override
            public void shred(Owner owner) {
                keys.remove(Objects.requireNonNull(owner, "owner"));
            }
        };
    }
}
