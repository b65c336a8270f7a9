package dev.praxis.distributed;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * The four topics of a deployment. Requests (run starts and approval decisions, keyed by
 * session) are consumed by the workers' group; results, events and dead letters are written by
 * workers and read by clients and operators.
 *
 * @param requests    run requests and decisions, keyed by session key
 * @param results     {@link RunOutcome}s, keyed by run id
 * @param events      {@link RunEvent}s, keyed by run id
 * @param deadLetters {@link DeadLetter}s, keyed by run id (or the record's key)
 */
public record Topics(String requests, String results, String events, String deadLetters) {

    /** Rejects blank names. */
    public Topics {
        for (String name : new String[] {requests, results, events, deadLetters}) {
            Objects.requireNonNull(name, "topic name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("topic names must not be blank");
            }
        }
    }

    /** {@code prefix.runs}, {@code prefix.results}, {@code prefix.events}, {@code prefix.dead-letters}. */
    public static Topics named(String prefix) {
        return new Topics(prefix + ".runs", prefix + ".results", prefix + ".events", prefix + ".dead-letters");
    }

    /** The four names, requests first. */
    public List<String> all() {
        return List.of(requests, results, events, deadLetters);
    }

    /**
     * Creates the topics that do not exist yet, each with {@code partitions} partitions. The
     * requests topic's partition count bounds how many workers share the load (see docs/scale.md).
     *
     * @throws DistributedException if the broker refuses or cannot be reached
     */
    public void create(Admin admin, int partitions, short replication) {
        List<NewTopic> topics = all().stream().map(name -> new NewTopic(name, partitions, replication)).toList();
        try {
            admin.createTopics(topics).values().values().forEach(future -> {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new DistributedException("cannot create topic: " + e.getCause().getMessage(),
                                e.getCause(), true);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DistributedException("interrupted while creating topics", e, true);
                }
            });
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new DistributedException("cannot create topics " + all() + ": " + e.getMessage(), e, true);
        }
    }
}
