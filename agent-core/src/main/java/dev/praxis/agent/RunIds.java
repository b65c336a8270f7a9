package dev.praxis.agent;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Random (version 4) UUIDs for run ids, as unpredictable as {@link UUID#randomUUID()} but
 * drawn from blocks of secure random bytes: {@code randomUUID} takes the platform generator's
 * global lock for every id, which thousands of runs starting at once queue on. Thread-safe.
 */
final class RunIds {

    private static final int IDS_PER_BLOCK = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicReference<Block> CURRENT = new AtomicReference<>(new Block());

    private RunIds() {
    }

    /** A new random run id in the usual 36-character UUID form. */
    static String next() {
        while (true) {
            Block block = CURRENT.get();
            int index = block.next.getAndIncrement();
            if (index < IDS_PER_BLOCK) {
                return block.uuid(index).toString();
            }
            // exhausted: whoever gets here first installs a fresh block; the rest retry on it
            CURRENT.compareAndSet(block, new Block());
        }
    }

    private static final class Block {
        private final ByteBuffer bytes;
        private final AtomicInteger next = new AtomicInteger();

        Block() {
            byte[] random = new byte[16 * IDS_PER_BLOCK];
            RANDOM.nextBytes(random);
            this.bytes = ByteBuffer.wrap(random);
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
