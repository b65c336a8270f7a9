package dev.praxis.distributed;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The worker's consumer thread: polls requests into a backlog, hands at most {@code maxInFlight}
 * of them to worker threads (one at a time per run), pauses the partitions while the backlog is
 * full, and commits each partition's offsets once the records before them are finished (their
 * outcome published, so their run's final checkpoint is durable). When partitions are revoked
 * it releases their runs' leases, so those runs stop at their next checkpoint and the new owner
 * resumes them. Everything but the worker threads' hand-back queue is confined to this thread.
 */
final class PollLoop implements Runnable, ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

    private record Finished(ConsumerRecord<String, byte[]> record, String runId, RunExecutor.Handled handled) {
    }

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final RunExecutor executor;
    private final ExecutorService threads;
    private final Fence fence;
    private final Publisher publisher;
    private final int maxInFlight;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Deque<ConsumerRecord<String, byte[]>> backlog = new ArrayDeque<>();
    private final Map<String, TopicPartition> active = new HashMap<>();
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private volatile boolean closing;

    PollLoop(Consumer<String, byte[]> consumer, String topic, RunExecutor executor, ExecutorService threads,
             Fence fence, Publisher publisher, int maxInFlight) {
        this.consumer = consumer;
        this.topic = topic;
        this.executor = executor;
        this.threads = threads;
        this.fence = fence;
        this.publisher = publisher;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), this);
            while (!closing) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    backlog.add(record);
                    offsets.received(partition(record), record.offset());
                }
                collectFinished();
                dispatch();
                throttle();
                commit(offsets.committable());
            }
        } catch (WakeupException e) {
            if (!closing) {
                log.error("worker {} was woken up unexpectedly; it stops", publisher.worker(), e);
            }
        } catch (RuntimeException e) {
            log.error("worker {} stops: its poll loop failed", publisher.worker(), e);
        } finally {
            shutdown();
        }
    }

    /** Asks the loop to stop; it releases its runs, commits what finished and leaves the group. */
    void stop() {
        closing = true;
        consumer.wakeup();
    }

    private void dispatch() {
        Iterator<ConsumerRecord<String, byte[]>> pending = backlog.iterator();
        while (active.size() < maxInFlight && pending.hasNext()) {
            ConsumerRecord<String, byte[]> record = pending.next();
            String runId = Wire.runIdOf(record.value());
            if (!runId.isEmpty() && active.containsKey(runId)) {
                continue; // one record per run at a time; this one waits for the other to finish
            }
            pending.remove();
            String key = runId.isEmpty() ? "record:" + partition(record) + "@" + record.offset() : runId;
            active.put(key, partition(record));
            threads.execute(() -> finished.add(new Finished(record, key, handle(record))));
        }
    }

    private RunExecutor.Handled handle(ConsumerRecord<String, byte[]> record) {
        try {
            return executor.handle(record);
        } catch (RuntimeException e) {
            log.warn("record {}-{}@{} could not be handled; it will be tried again", record.topic(), record.partition(),
                    record.offset(), e);
            return null;
        }
    }

    private void collectFinished() {
        for (Finished done = finished.poll(); done != null; done = finished.poll()) {
            active.remove(done.runId());
            TopicPartition partition = partition(done.record());
            if (done.handled() == RunExecutor.Handled.DONE) {
                offsets.finished(partition, done.record().offset());
            } else if (done.handled() == null && offsets.tracks(partition) && !closing) {
                backlog.addFirst(done.record());
            }
        }
    }

    private void throttle() {
        if (backlog.size() >= maxInFlight) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> commit) {
        if (commit.isEmpty()) {
            return;
        }
        try {
            publisher.flush();
            consumer.commitSync(commit);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            log.info("worker {} could not commit {} (the group is rebalancing); those records will be redelivered"
                    + " and recognised from their checkpoints", publisher.worker(), commit.keySet());
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        collectFinished();
        release(revoked);
        commit(offsets.committable(revoked));
        offsets.forget(revoked);
        log.info("worker {} gave up partitions {}", publisher.worker(), revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        release(lost);
        offsets.forget(lost);
        log.warn("worker {} lost partitions {} (missed the group's heartbeat deadline)", publisher.worker(), lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        log.info("worker {} took partitions {}", publisher.worker(), assigned);
    }

    private void release(Collection<TopicPartition> partitions) {
        backlog.removeIf(r -> partitions.contains(partition(r)));
        active.forEach((runId, partition) -> {
            if (partitions.contains(partition)) {
                fence.release(runId);
            }
        });
    }

    private void shutdown() {
        fence.releaseAll();
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("worker {}: some runs did not stop within 30 s", publisher.worker());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            collectFinished();
            Map<TopicPartition, OffsetAndMetadata> finishedOffsets = offsets.committable();
            try {
                commit(finishedOffsets);
            } catch (WakeupException e) {
                commit(finishedOffsets); // stop()'s wakeup fired here rather than in poll; it fires once
            }
            consumer.close(Duration.ofSeconds(10));
        } catch (KafkaException e) {
            log.warn("worker {} could not leave its group cleanly", publisher.worker(), e);
        }
    }

    private static TopicPartition partition(ConsumerRecord<String, byte[]> record) {
        return new TopicPartition(record.topic(), record.partition());
    }
}
