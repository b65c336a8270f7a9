package dev.praxis.store.lucene;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the index is written: HNSW graphs with the links and build beam of {@link HnswOptions}, graph
 * merges and rebuilds spread over the machine's cores, and an indexing buffer that is small in normal
 * use and large during a bulk load (a bigger buffer means fewer, larger segments to merge and to search).
 * Owns the merge threads; {@link #close()} stops them.
 */
final class IndexSettings implements AutoCloseable {

    static final double NORMAL_BUFFER_MB = 64;
    /** Lucene flushes a thread's buffer before it reaches about 1.9 GB whatever the setting. */
    private static final double MAX_BULK_BUFFER_MB = 1536;

    private final int mergeWorkers = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final HnswOptions options;
    private final ExecutorService mergeThreads;

    IndexSettings(HnswOptions options) {
        this.options = options;
        AtomicInteger number = new AtomicInteger();
        this.mergeThreads = Executors.newFixedThreadPool(mergeWorkers, r -> {
            Thread t = new Thread(r, "praxis-hnsw-merge-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A writer configuration for one index. */
    IndexWriterConfig writerConfig() {
        KnnVectorsFormat hnsw = new Lucene99HnswVectorsFormat(options.maxConnections(), options.beamWidth(), mergeWorkers,
                mergeWorkers > 1 ? mergeThreads : null);
        return new IndexWriterConfig()
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return hnsw;
                    }
                })
                .setMergePolicy(new TieredMergePolicy())
                .setRAMBufferSizeMB(NORMAL_BUFFER_MB);
    }

    /** Threads that add documents at once during a rebuild: one graph per thread, merged at the end. */
    int buildWorkers() {
        return mergeWorkers;
    }

    HnswOptions options() {
        return options;
    }

    /** The indexing buffer for bulk loads and rebuilds: a quarter of the heap, at most 1.5 GB. */
    static double bulkBufferMb() {
        double quarterHeap = Runtime.getRuntime().maxMemory() / 4.0 / (1024 * 1024);
        return Math.max(NORMAL_BUFFER_MB, Math.min(MAX_BULK_BUFFER_MB, quarterHeap));
    }

    @Override
    public void close() {
        mergeThreads.shutdown(); // the writer is closed: no merge is running, and none is interrupted
    }
}
