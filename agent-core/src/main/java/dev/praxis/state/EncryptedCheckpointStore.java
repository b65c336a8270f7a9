package dev.praxis.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.KeyRing;
import dev.praxis.memory.MemoryException;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Encrypts checkpoints at rest around any {@link CheckpointStore} (file, SQLite, PostgreSQL,
 * Redis, in memory): the whole run state (input, conversation, tool calls and results, pending
 * approvals, extensions) is sealed with a {@link ContentCipher} bound to the run id, and the
 * inner store keeps only what it indexes: run id, agent, phase, outcome, session scope and owner,
 * usage, version and time. So {@link #runIds}, {@link #forget} and version checks work unchanged,
 * while no text of the run reaches the store.
 *
 * <pre>{@code
 * CheckpointStore checkpoints = EncryptedCheckpointStore.over(sqliteStore.checkpoints(),
 *         KeyRing.of("2026-12", Map.of("2026-12", key)));
 * }</pre>
 *
 * Thread-safe if the inner store is.
 */
public final class EncryptedCheckpointStore implements CheckpointStore {

    static final String SEALED = "praxis.sealed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CheckpointStore inner;
    private final ContentCipher cipher;

    private EncryptedCheckpointStore(CheckpointStore inner, ContentCipher cipher) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        if (!cipher.encrypts()) {
            throw new IllegalArgumentException("an encrypted checkpoint store needs a cipher that encrypts, not NONE");
        }
    }

    /** {@code inner}, with every state sealed by {@code cipher} (e.g. a {@link KeyRing}). */
    public static EncryptedCheckpointStore over(CheckpointStore inner, ContentCipher cipher) {
        return new EncryptedCheckpointStore(inner, cipher);
    }

    @Override
    public void save(RunState state) {
        String sealed = cipher.encrypt(RunStateJson.write(state), context(state.runId()));
        inner.save(new RunState(state.runId(), state.agent(), state.phase(), state.outcome(), "", "", state.scope(),
                state.owner(), List.of(), List.of(), 0, List.of(), state.usage(), state.elapsed(), state.limits(),
                Optional.empty(), List.of(), List.of(), Map.of(SEALED, TextNode.valueOf(sealed)), state.version(),
                state.updatedAt()));
    }

    /**
     * {@inheritDoc}
     *
     * @throws CheckpointException if the stored state is not sealed (written without encryption), was
     *                             altered or moved to another run id, or the key is missing
     */
    @Override
    public Optional<RunState> load(String runId) {
        return inner.load(runId).map(shell -> RunStateJson.read(open(shell)));
    }

    /**
     * Re-encrypts every stored run that is not yet under the {@code ring}'s current key (after a
     * rotation), saving it as its next version. Run it when no run is in flight (a run saving
     * meanwhile may meet a version conflict and then resumes from the re-encrypted state).
     *
     * @return how many runs were re-encrypted
     */
    public long rotate(KeyRing ring) {
        if (ring != cipher) {
            throw new IllegalArgumentException("rotate with the key ring this store encrypts with");
        }
        long count = 0;
        for (RunState.Phase phase : RunState.Phase.values()) {
            for (String runId : inner.runIds(phase)) {
                Optional<RunState> shell = inner.load(runId);
                if (shell.isPresent() && !ring.isCurrent(sealedText(shell.get()))) {
                    save(nextVersion(open(shell.get()), shell.get().version() + 1));
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public List<String> runIds(RunState.Phase phase) {
        return inner.runIds(phase);
    }

    @Override
    public void delete(String runId) {
        inner.delete(runId);
    }

    @Override
    public long forget(String tenant, String user) {
        return inner.forget(tenant, user);
    }

    private static RunState nextVersion(String json, long version) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(json);
            tree.put("version", version);
            return RunStateJson.read(tree.toString());
        } catch (JsonProcessingException e) {
            throw new CheckpointException("cannot re-encrypt a checkpoint: " + e.getOriginalMessage(), e, false);
        }
    }

    private String open(RunState shell) {
        try {
            return cipher.decrypt(sealedText(shell), context(shell.runId()));
        } catch (MemoryException e) {
            throw new CheckpointException("cannot open the encrypted checkpoint of run " + shell.runId() + ": "
                    + e.getMessage(), e, false);
        }
    }

    private static String sealedText(RunState shell) {
        var node = shell.extensions().get(SEALED);
        if (node == null || !node.isTextual()) {
            throw new CheckpointException("run " + shell.runId() + " is stored without encryption; this store only "
                    + "reads encrypted checkpoints", null, false);
        }
        return node.asText();
    }

    private static String context(String runId) {
        return "checkpoint:" + runId;
    }
}
