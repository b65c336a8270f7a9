package dev.praxis.store.lucene;

import dev.praxis.memory.VectorStore;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Adds every stored record of a collection to the index from several threads at once. Lucene gives each
 * adding thread its own segment, so the HNSW graphs (the expensive part) are built in parallel; merging
 * them afterwards is left to the caller. The calling thread reads the store and hands batches over.
 *
 * <p>Stopping is cooperative: when the store or a worker fails (or the caller is interrupted), the
 * workers are told to stop after the batch they are adding and are waited for; they are never
 * interrupted, because an interrupt inside Lucene's NIO closes the file channel and with it the
 * writer, which would hide the real failure behind a closed index.
 */
final class ParallelAdd {

    private static final int BATCH = 1_000;
    private static final List<Document> END = List.of();

    private ParallelAdd() {
    }

    /** Adds {@code collection}'s records with {@code workers} threads; the first failure of any is thrown. */
    static void addAll(IndexWriter writer, VectorStore store, String collection, int workers) throws IOException {
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "praxis-hnsw-build-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        BlockingQueue<List<Document>> queue = new ArrayBlockingQueue<>(2 * workers);
        List<Future<?>> tasks = new ArrayList<>();
        AtomicBoolean stopped = new AtomicBoolean();
        try {
            for (int i = 0; i < workers; i++) {
                tasks.add(pool.submit(() -> drain(writer, queue, stopped)));
            }
            List<Document> batch = new ArrayList<>(BATCH);
            try {
                store.forEach(collection, r -> {
                    batch.add(IndexDocuments.of(collection, r));
                    if (batch.size() == BATCH) {
                        hand(queue, List.copyOf(batch), tasks);
                        batch.clear();
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            hand(queue, List.copyOf(batch), tasks);
            for (int i = 0; i < workers; i++) {
                hand(queue, END, tasks);
            }
            for (Future<?> task : tasks) {
                await(task);
            }
        } catch (IOException | RuntimeException failure) {
            stop(queue, stopped, tasks, failure);
            throw failure;
        } finally {
            pool.shutdown();
        }
    }

    private static Void drain(IndexWriter writer, BlockingQueue<List<Document>> queue, AtomicBoolean stopped)
            throws IOException, InterruptedException {
        for (List<Document> batch = queue.take(); batch != END && !stopped.get(); batch = queue.take()) {
            writer.addDocuments(batch);
        }
        return null;
    }

    /**
     * Tells the workers to stop after their current batch, wakes those waiting for one and waits
     * for all of them, without interrupting any. Their own failures are added to {@code failure}.
     */
    private static void stop(BlockingQueue<List<Document>> queue, AtomicBoolean stopped, List<Future<?>> tasks,
                             Exception failure) {
        stopped.set(true);
        queue.clear();
        for (int i = 0; i < tasks.size(); i++) {
            queue.offer(END); // room: the queue was just emptied and only this thread adds to it
        }
        boolean interrupted = false;
        for (Future<?> task : tasks) {
            while (true) {
                try {
                    task.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the workers end within one batch: wait for them anyway
                } catch (ExecutionException e) {
                    failure.addSuppressed(e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues a batch, waiting while the workers are busy, and fails as soon as one of them has failed. */
    private static void hand(BlockingQueue<List<Document>> queue, List<Document> batch, List<Future<?>> tasks) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                for (Future<?> task : tasks) {
                    if (task.isDone()) {
                        await(task);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while rebuilding the index"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(Future<?> task) throws IOException {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while rebuilding the index");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("an index build thread failed", cause);
        }
    }
}
