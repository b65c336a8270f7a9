package dev.praxis.distributed;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows every partition of one topic from its current end, outside any consumer group, and
 * hands each record's value to a callback on its own daemon thread. The end positions are
 * fixed before the constructor returns, so nothing published after it is missed.
 */
final class TopicReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean closed;

    TopicReader(String bootstrapServers, Map<String, Object> kafka, String topic, Consumer<byte[]> callback) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new DistributedException("topic " + topic + " does not exist; create it first (Topics.create)");
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        } catch (KafkaException e) {
            consumer.close();
            throw new DistributedException("cannot read topic " + topic + ": " + e.getMessage(), e, true);
        } catch (DistributedException e) {
            consumer.close();
            throw e;
        }
        this.thread = new Thread(() -> follow(callback), "praxis-reader-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(Consumer<byte[]> callback) {
        try {
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        callback.accept(record.value());
                    } catch (RuntimeException e) {
                        log.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (KafkaException e) {
            log.error("stopped reading: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
