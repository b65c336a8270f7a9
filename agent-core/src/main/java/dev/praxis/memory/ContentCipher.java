package dev.praxis.memory;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Encrypts stored text at rest. {@link #NONE} stores plain text; {@link #aesGcm(byte[])}
 * uses AES-GCM with a random 96-bit nonce per value and binds each value to a context string
 * (the owner's scope), so ciphertext copied into another scope fails to decrypt. The key comes
 * from the application (a KMS, a vault, an environment secret); Praxis never stores it.
 *
 * <p>Only content is encrypted: ids, scopes, metadata and embeddings stay readable so stores can
 * find records. Embeddings can leak the gist of a text; keep the database itself protected too.
 * Thread-safe.
 */
public interface ContentCipher {

    /** Stores text unchanged. */
    ContentCipher NONE = new ContentCipher() {
        @Override
        public String encrypt(String plain, String context) {
            return plain;
        }

        @Override
        public String decrypt(String stored, String context) {
            return stored;
        }

        @Override
        public boolean encrypts() {
            return false;
        }
    };

    /** The stored form of {@code plain}, bound to {@code context}. */
    String encrypt(String plain, String context);

    /**
     * The plain text of a value written by {@link #encrypt} with the same context.
     *
     * @throws MemoryException if the value was tampered with, moved, or the key is wrong
     */
    String decrypt(String stored, String context);

    /** Whether stored text is unreadable without the key (so substring search cannot work). */
    boolean encrypts();

    /** AES-GCM with a 128-, 192- or 256-bit key. The array is copied. */
    static ContentCipher aesGcm(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("an AES key has 16, 24 or 32 bytes, got " + key.length);
        }
        return new AesGcm(new SecretKeySpec(key.clone(), "AES"));
    }

    /** The AES-GCM cipher; format: {@code "gcm1:" + base64(nonce || ciphertext+tag)}. */
    final class AesGcm implements ContentCipher {
        private static final String PREFIX = "gcm1:";
        private static final int NONCE_BYTES = 12;
        private static final int TAG_BITS = 128;
        private static final SecureRandom RANDOM = new SecureRandom();

        private final SecretKeySpec key;

        private AesGcm(SecretKeySpec key) {
            this.key = key;
        }

        @Override
        public String encrypt(String plain, String context) {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
                byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
                byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
                return PREFIX + Base64.getEncoder().encodeToString(out);
            } catch (GeneralSecurityException e) {
                throw new MemoryException("AES-GCM encryption failed: " + e.getMessage(), e, false);
            }
        }

        @Override
        public String decrypt(String stored, String context) {
            if (!stored.startsWith(PREFIX)) {
                throw new MemoryException("stored value is not AES-GCM ciphertext (written without encryption?)");
            }
            try {
                byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
                if (all.length < NONCE_BYTES + TAG_BITS / 8) {
                    throw new MemoryException("stored ciphertext is truncated");
                }
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
                cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
                byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
                return new String(plain, StandardCharsets.UTF_8);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new MemoryException("cannot decrypt stored content: wrong key, or the value was altered "
                        + "or moved to another scope", e, false);
            }
        }

        @Override
        public boolean encrypts() {
            return true;
        }
    }
}
