package dev.praxis.memory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@link ContentCipher} with named AES-GCM keys, for key rotation: it encrypts with the
 * current key and records the key's id with the value ({@code "gcm2:<id>:" + base64}); it
 * decrypts with whichever key a value names. Values written by {@link ContentCipher#aesGcm}
 * (no id, {@code "gcm1:"}) are decrypted by trying each key.
 *
 * <p>Rotating: add the new key and make it current; new writes use it at once, old values stay
 * readable; re-encrypt what is stored (for checkpoints {@code EncryptedCheckpointStore#rotate})
 * and then drop the old key. Thread-safe.
 */
public final class KeyRing implements ContentCipher {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    private static final String PREFIX = "gcm2:";

    private final String current;
    private final Map<String, ContentCipher> keys;

    private KeyRing(String current, Map<String, ContentCipher> keys) {
        this.current = current;
        this.keys = keys;
    }

    /**
     * A ring encrypting with {@code keys.get(currentId)} and able to decrypt with any of {@code keys}.
     *
     * @throws IllegalArgumentException if the current id is not among the keys, an id is not
     *                                  1-40 letters, digits, {@code _ . -}, or a key has a bad length
     */
    public static KeyRing of(String currentId, Map<String, byte[]> keys) {
        Objects.requireNonNull(currentId, "currentId");
        if (!keys.containsKey(currentId)) {
            throw new IllegalArgumentException("the current key '" + currentId + "' is not in the ring " + keys.keySet());
        }
        Map<String, ContentCipher> ciphers = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a key id has 1-40 letters, digits, '_', '.' or '-', got '" + id + "'");
            }
            ciphers.put(id, ContentCipher.aesGcm(key));
        });
        return new KeyRing(currentId, Map.copyOf(ciphers));
    }

    /** The id of the key new values are encrypted with. */
    public String currentId() {
        return current;
    }

    /** Whether {@code stored} was encrypted with the current key (so it needs no re-encryption). */
    public boolean isCurrent(String stored) {
        return stored.startsWith(PREFIX + current + ":");
    }

    @Override
    public String encrypt(String plain, String context) {
        String sealed = keys.get(current).encrypt(plain, context);
        return PREFIX + current + ":" + sealed.substring("gcm1:".length());
    }

    @Override
    public String decrypt(String stored, String context) {
        if (stored.startsWith(PREFIX)) {
            int colon = stored.indexOf(':', PREFIX.length());
            String id = colon < 0 ? "" : stored.substring(PREFIX.length(), colon);
            ContentCipher key = keys.get(id);
            if (key == null) {
                throw new MemoryException("stored content was encrypted with key '" + id + "', which is not in the ring "
                        + keys.keySet() + " (dropped before everything was re-encrypted?)");
            }
            return key.decrypt("gcm1:" + stored.substring(colon + 1), context);
        }
        MemoryException last = new MemoryException("stored value is not AES-GCM ciphertext (written without encryption?)");
        if (stored.startsWith("gcm1:")) {
            for (ContentCipher key : keys.values()) {
                try {
                    return key.decrypt(stored, context);
                } catch (MemoryException e) {
                    last = e;
                }
            }
        }
        throw last;
    }

    @Override
    public boolean encrypts() {
        return true;
    }

}
