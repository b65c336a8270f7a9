package dev.praxis.distributed;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which offsets of each partition may be committed. Records finish out of order (runs take
 * different times), but a partition's committed offset is one number, so it advances only over
 * a contiguous prefix of finished records: a record still running holds back the offsets after
 * it, which are then redelivered after a crash and recognised as finished by their checkpoints.
 * Confined to the worker's poll thread.
 */
final class OffsetTracker {

    private final Map<TopicPartition, TreeMap<Long, Boolean>> partitions = new HashMap<>();

    void received(TopicPartition partition, long offset) {
        partitions.computeIfAbsent(partition, p -> new TreeMap<>()).putIfAbsent(offset, false);
    }

    void finished(TopicPartition partition, long offset) {
        TreeMap<Long, Boolean> offsets = partitions.get(partition);
        if (offsets != null && offsets.containsKey(offset)) {
            offsets.put(offset, true);
        }
    }

    boolean tracks(TopicPartition partition) {
        return partitions.containsKey(partition);
    }

    /** The offsets to commit now (the next offset after each finished prefix); the prefixes are dropped. */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> of) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition partition : of) {
            TreeMap<Long, Boolean> offsets = partitions.get(partition);
            long next = -1;
            while (offsets != null && !offsets.isEmpty() && offsets.firstEntry().getValue()) {
                next = offsets.pollFirstEntry().getKey() + 1;
            }
            if (next >= 0) {
                commit.put(partition, new OffsetAndMetadata(next));
            }
        }
        return commit;
    }

    Map<TopicPartition, OffsetAndMetadata> committable() {
        return committable(partitions.keySet());
    }

    void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }
}
