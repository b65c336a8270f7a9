package dev.praxis.distributed;

import java.util.Objects;

/**
 * A request a worker gave up on, as published on the dead-letter topic: a record that could not
 * be read, named an agent no worker serves, or whose run failed {@code attempts} times.
 *
 * @param topic     the topic the record came from
 * @param partition its partition
 * @param offset    its offset
 * @param key       its key, or {@code ""}
 * @param value     its value as UTF-8 text (invalid bytes replaced)
 * @param runId     the run it was about, or {@code ""} if the record could not be read
 * @param reason    why it was given up, for a person
 * @param attempts  how many times it was tried
 * @param worker    the id of the worker that gave up
 */
public record DeadLetter(String topic, int partition, long offset, String key, String value, String runId,
                         String reason, int attempts, String worker) {

    /** Rejects nulls. */
    public DeadLetter {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(worker, "worker");
    }
}
