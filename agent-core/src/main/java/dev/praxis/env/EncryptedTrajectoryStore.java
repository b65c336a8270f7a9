package dev.praxis.env;

import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.KeyRing;
import dev.praxis.memory.MemoryException;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Encrypts trajectories at rest around any {@link TrajectoryStore} (SQLite, PostgreSQL, in memory):
 * a trajectory holds a whole transcript (system prompt, conversation, tool arguments and results),
 * so all of it is sealed with a {@link ContentCipher} bound to the run id, and the inner store
 * keeps only its id, origin, start time and feedback scores; feedback comments are sealed too.
 *
 * <pre>{@code
 * TrajectoryStore trajectories = EncryptedTrajectoryStore.over(jdbcStore.trajectories(),
 *         KeyRing.of("2026-12", Map.of("2026-12", key)));
 * }</pre>
 *
 * Reading a trajectory the inner store holds unencrypted, altered, moved to another id, or sealed
 * with a key the cipher lacks is a {@link MemoryException}. Thread-safe if the inner store is.
 */
public final class EncryptedTrajectoryStore implements TrajectoryStore {

    private final TrajectoryStore inner;
    private final ContentCipher cipher;

    private EncryptedTrajectoryStore(TrajectoryStore inner, ContentCipher cipher) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        if (!cipher.encrypts()) {
            throw new IllegalArgumentException("an encrypted trajectory store needs a cipher that encrypts, not NONE");
        }
    }

    /** {@code inner}, with every trajectory sealed by {@code cipher} (e.g. a {@link KeyRing}). */
    public static EncryptedTrajectoryStore over(TrajectoryStore inner, ContentCipher cipher) {
        return new EncryptedTrajectoryStore(inner, cipher);
    }

    @Override
    public void save(Trajectory trajectory) {
        Trajectory plain = new Trajectory(trajectory.id(), trajectory.task(), trajectory.origin(), trajectory.steps(),
                List.of(), trajectory.startedAt(), trajectory.duration(), trajectory.session());
        String sealed = cipher.encrypt(TrajectoryJson.write(plain), context(trajectory.id()));
        List<Feedback> feedback = trajectory.feedback().stream().map(f -> new Feedback(f.score(),
                cipher.encrypt(f.comment(), context(trajectory.id())), f.at())).toList();
        inner.save(new Trajectory(trajectory.id(), sealed, trajectory.origin(), List.of(), feedback,
                trajectory.startedAt(), Duration.ZERO, ""));
    }

    @Override
    public Optional<Trajectory> find(String id) {
        return inner.find(id).map(this::open);
    }

    @Override
    public Trajectory feedback(String runId, double score, String comment) {
        String sealed = cipher.encrypt(comment == null ? "" : comment, context(runId));
        return open(inner.feedback(runId, score, sealed));
    }

    @Override
    public List<Trajectory> all() {
        return inner.all().stream().map(this::open).toList();
    }

    /**
     * Re-encrypts, with {@code ring}'s current key, every stored trajectory (and feedback comment)
     * sealed with an older key of the ring, so the old key can then be dropped. Idempotent: what
     * is already current is left alone. Run it while no other writer uses the store.
     *
     * @return how many trajectories were re-encrypted
     * @throws IllegalArgumentException if {@code ring} is not the cipher this store encrypts with
     * @throws MemoryException if a stored trajectory cannot be opened with any key of the ring
     */
    public long rotate(KeyRing ring) {
        if (ring != cipher) {
            throw new IllegalArgumentException("rotate with the key ring this store encrypts with");
        }
        long count = 0;
        for (Trajectory shell : inner.all()) {
            boolean current = ring.isCurrent(shell.task())
                    && shell.feedback().stream().allMatch(f -> ring.isCurrent(f.comment()));
            if (!current) {
                save(open(shell));
                count++;
            }
        }
        return count;
    }

    private Trajectory open(Trajectory shell) {
        String context = context(shell.id());
        Trajectory plain = TrajectoryJson.read(cipher.decrypt(shell.task(), context));
        if (!plain.id().equals(shell.id())) {
            throw new MemoryException("stored trajectory " + shell.id() + " holds run " + plain.id());
        }
        List<Feedback> feedback = shell.feedback().stream().map(f -> new Feedback(f.score(),
                cipher.decrypt(f.comment(), context), f.at())).toList();
        return new Trajectory(plain.id(), plain.task(), plain.origin(), plain.steps(), feedback, plain.startedAt(),
                plain.duration(), plain.session());
    }

    private static String context(String id) {
        return "trajectory:" + id;
    }
}
