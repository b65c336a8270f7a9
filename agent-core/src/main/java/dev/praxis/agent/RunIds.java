package dev.praxis.agent;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Random (version 4) UUIDs for run ids, as unpredictable as {@link UUID#randomUUID()} but
 * drawn from blocks of bytes from the operating system's secure generator: {@code randomUUID}
 * takes the platform generator's global lock for every id, which thousands of runs starting at
 * once queue on. A block is read from {@code /dev/urandom}, the kernel generator that the JDK's
 * default {@link SecureRandom} on Linux and macOS reads too; where there is none (Windows), from
 * a {@link SecureRandom}. Thread-safe.
 */
final class RunIds {

    private static final int IDS_PER_BLOCK = 1024;
    /** The kernel's generator: reading it costs no start-up, where a first {@link SecureRandom} costs tens of ms. */
    private static final String SYSTEM_SOURCE = "/dev/urandom";
    /** Cleared when the system source cannot be read: every later block then comes from {@link Fallback}. */
    private static volatile boolean systemSource = true; // before CURRENT: its first block reads it
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

    /** {@code n} bytes from the system's secure generator, or from {@link SecureRandom} without one. */
    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        if (systemSource) {
            if (read(SYSTEM_SOURCE, bytes)) {
                return bytes;
            }
            systemSource = false; // no such device here (Windows, a bare container): SecureRandom from now on
        }
        Fallback.RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Fills {@code bytes} from the file {@code source}; false when it cannot be read or is too short. */
    static boolean read(String source, byte[] bytes) {
        try (InputStream in = new FileInputStream(source)) {
            return in.readNBytes(bytes, 0, bytes.length) == bytes.length;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Made on first use only, so that a system with {@code /dev/urandom} never pays for its set-up. */
    private static final class Fallback {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private static final class Block {
        private final ByteBuffer bytes = ByteBuffer.wrap(randomBytes(16 * IDS_PER_BLOCK));
        private final AtomicInteger next = new AtomicInteger();
        /** The block that follows, drawn while this one is half used, so runs seldom wait for one. */
        private volatile Block successor;

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
