package dev.praxis.agent;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Random (version 4) UUIDs for run ids, as unpredictable as {@link UUID#randomUUID()} but
 * drawn from blocks of secure random bytes: {@code randomUUID} takes the platform generator's
 * global lock for every id, which thousands of runs starting at once queue on. A block is the
 * AES-CTR keystream of a key drawn from {@link SecureRandom}; the next block is drawn by the
 * run that takes the middle id of the current one. Thread-safe.
 */
final class RunIds {

    private static final int IDS_PER_BLOCK = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The cipher behind every block, made once (looking it up costs more than using it); null without AES. */
    private static final Cipher AES = aes();
    private static final AtomicReference<Block> CURRENT = new AtomicReference<>(new Block());
    private static final ReentrantLock REFILL = new ReentrantLock();

    private RunIds() {
    }

    /** A new random run id in the usual 36-character UUID form. */
    static String next() {
        while (true) {
            Block block = CURRENT.get();
            int index = block.next.getAndIncrement();
            if (index < IDS_PER_BLOCK) {
                if (index == IDS_PER_BLOCK / 2) {
                    block.successor = new Block(); // exactly one caller draws the next block, early
                }
                return block.uuid(index).toString();
            }
            Block successor = block.successor;
            if (successor != null) {
                CURRENT.compareAndSet(block, successor);
            } else {
                refill(block); // the early draw is still running: rare
            }
        }
    }

    /** Replaces {@code used} by a fresh block, once: callers that find it already replaced just retry. */
    private static void refill(Block used) {
        // one thread fills, the others wait for it: thousands of runs starting at once must not
        // each draw a whole block only to throw it away (a lock, not a monitor, so a waiting
        // virtual thread does not hold its carrier on Java 21)
        REFILL.lock();
        try {
            if (CURRENT.get() == used) {
                CURRENT.set(new Block());
            }
        } finally {
            REFILL.unlock();
        }
    }

    private static Cipher aes() {
        try {
            return Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            return null; // then every block comes from SecureRandom alone
        }
    }

    private static final class Block {
        private final ByteBuffer bytes;
        private final AtomicInteger next = new AtomicInteger();
        /** The block that follows, drawn while this one is half used, so runs seldom wait for one. */
        private volatile Block successor;

        Block() {
            this.bytes = ByteBuffer.wrap(randomBytes(16 * IDS_PER_BLOCK));
        }

        /**
         * {@code n} unpredictable bytes: the AES-CTR keystream under a fresh key and counter
         * from the platform's secure generator (the construction of NIST's CTR_DRBG), which
         * costs a few microseconds per block of 1,024 ids, where drawing every byte from
         * {@code SecureRandom} cost a tenth of a whole agent run.
         */
        private static byte[] randomBytes(int n) {
            byte[] seed = new byte[48];
            RANDOM.nextBytes(seed);
            try {
                if (AES != null) {
                    synchronized (AES) { // rarely contended: a block serves 1,024 runs
                        AES.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, 0, 32, "AES"),
                                new IvParameterSpec(seed, 32, 16));
                        return AES.doFinal(new byte[n]);
                    }
                }
            } catch (GeneralSecurityException e) {
                // fall through to SecureRandom alone
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
            byte[] random = new byte[n]; // a JDK without AES: slower, just as random
            RANDOM.nextBytes(random);
            return random;
        }

        UUID uuid(int index) {
            long high = bytes.getLong(16 * index);
            long low = bytes.getLong(16 * index + 8);
            // version 4 and the IETF variant, as randomUUID sets them
            high = high & 0xffffffffffff0fffL | 0x0000000000004000L;
            low = low & 0x3fffffffffffffffL | 0x8000000000000000L;
            return new UUID(high, low);
        }
    }
}
