package dev.praxis.distributed;

import dev.praxis.agent.LlmAgent;
import dev.praxis.state.CheckpointStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker of a consumer group that executes agent runs from the requests topic. Each run is an
 * ordinary {@link LlmAgent} run, checkpointed after every step to the shared store given here;
 * its events go to the events topic and its outcome to the results topic, and only then is the
 * request's offset committed. A worker that dies leaves its runs at their last checkpoint; after
 * the rebalance the partition's new owner reads the uncommitted requests again and resumes each
 * run from its checkpoint, without repeating side effects the journal recorded.
 *
 * <pre>{@code
 * KafkaWorker worker = KafkaWorker.builder()
 *         .bootstrapServers("kafka:9092")
 *         .topics(Topics.named("praxis"))
 *         .checkpoints(PostgresStore.open(url, user, password, 8).checkpoints())
 *         .agent(supportAgent)
 *         .maxInFlight(32)
 *         .start();
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} releases its runs (they stop at their next checkpoint and
 * another worker resumes them), commits what finished and leaves the group.
 */
public final class KafkaWorker implements AutoCloseable {

    private final String id;
    private final PollLoop loop;
    private final Thread thread;
    private final KafkaProducer<String, byte[]> producer;

    private KafkaWorker(Builder b) {
        this.id = b.workerId;
        Fence fence = new Fence(b.store);
        this.producer = new KafkaProducer<>(b.producerConfig(), new StringSerializer(), new ByteArraySerializer());
        Publisher publisher = new Publisher(producer, b.topics, id, fence::writable, b.keys);
        Map<String, LlmAgent> agents = new HashMap<>();
        b.agents.forEach((name, agent) -> agents.put(name,
                agent.toBuilder().checkpoints(fence).listener(publisher).build()));
        RunExecutor executor = new RunExecutor(agents, fence, publisher, b.maxAttempts, b.maxPickups, b.keys);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(b.consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.loop = new PollLoop(consumer, b.topics.requests(), executor, threads(id, b.maxInFlight), fence,
                publisher, b.maxInFlight);
        this.thread = new Thread(loop, "praxis-worker-" + id);
    }

    /** Starts configuring a worker; bootstrap servers, a checkpoint store and one agent are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** This worker's id, as in the records it publishes. */
    public String id() {
        return id;
    }

    /** Whether the worker still consumes (false after {@link #close()} or if its poll loop failed). */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops consuming, releases running runs to other workers, commits and leaves the group. */
    @Override
    public void close() {
        loop.stop();
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }

    private static ExecutorService threads(String id, int count) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, "praxis-run-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Configures a {@link KafkaWorker}. Not thread-safe. */
    public static final class Builder {
        private String bootstrapServers;
        private String group = "praxis-workers";
        private Topics topics = Topics.named("praxis");
        private CheckpointStore store;
        private final Map<String, LlmAgent> agents = new LinkedHashMap<>();
        private int maxInFlight = 16;
        private int maxAttempts = 3;
        private int maxPickups = 5;
        private String workerId = ManagementFactory.getRuntimeMXBean().getName();
        private final Map<String, Object> kafka = new HashMap<>();
        private PayloadKeys keys = PayloadKeys.NONE;

        private Builder() {
        }

        /**
         * Seals the content of run records (inputs, decisions, answers, questions) with each
         * person's key, shared with the {@link RunClient}s; see {@link PayloadKeys}. Default
         * {@link PayloadKeys#NONE}.
         */
        public Builder payloadKeys(PayloadKeys payloadKeys) {
            this.keys = java.util.Objects.requireNonNull(payloadKeys, "payloadKeys");
            return this;
        }

        /** The brokers, e.g. {@code "kafka-1:9092,kafka-2:9092"}. Required. */
        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = Objects.requireNonNull(servers, "servers");
            return this;
        }

        /** The consumer group all workers of a deployment share; default {@code praxis-workers}. */
        public Builder group(String groupId) {
            this.group = Objects.requireNonNull(groupId, "groupId");
            return this;
        }

        /** The topics; default {@code Topics.named("praxis")}. */
        public Builder topics(Topics names) {
            this.topics = Objects.requireNonNull(names, "names");
            return this;
        }

        /** The checkpoint store every worker shares (PostgreSQL, or SQLite on one host). Required. */
        public Builder checkpoints(CheckpointStore shared) {
            this.store = Objects.requireNonNull(shared, "shared");
            return this;
        }

        /**
         * Serves {@code agent} under its {@link LlmAgent#name()}; requests name it. The worker runs a
         * copy that checkpoints to the shared store and publishes events.
         *
         * @throws IllegalArgumentException if an agent of that name was added already
         */
        public Builder agent(LlmAgent agent) {
            Objects.requireNonNull(agent, "agent");
            if (agents.putIfAbsent(agent.name(), agent) != null) {
                throw new IllegalArgumentException("two agents are named '" + agent.name() + "'; names must be unique");
            }
            return this;
        }

        /** Runs executed at once (threads); further requests wait in Kafka. Default 16. */
        public Builder maxInFlight(int runs) {
            if (runs < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, got " + runs);
            }
            this.maxInFlight = runs;
            return this;
        }

        /** Tries of a run that throws before it is dead-lettered. Default 3. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Times a run may be picked up by a worker without finishing before it is dead-lettered;
         * default 5. Every worker that dies (or loses the partition) while holding the run counts,
         * so a run that crashes its JVM stops taking workers down with it.
         */
        public Builder maxPickups(int pickups) {
            if (pickups < 1) {
                throw new IllegalArgumentException("maxPickups must be at least 1, got " + pickups);
            }
            this.maxPickups = pickups;
            return this;
        }

        /** This worker's id in published records and thread names; default {@code pid@host}. */
        public Builder workerId(String id) {
            this.workerId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** A Kafka client property for both the consumer and the producer (security, timeouts). */
        public Builder kafkaProperty(String name, Object value) {
            kafka.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Connects and starts consuming.
         *
         * @throws IllegalStateException if no bootstrap servers, store or agent was given
         */
        public KafkaWorker start() {
            if (bootstrapServers == null || store == null || agents.isEmpty()) {
                throw new IllegalStateException("a worker needs bootstrapServers(...), checkpoints(...) and at least"
                        + " one agent(...)");
            }
            KafkaWorker worker = new KafkaWorker(this);
            worker.thread.start();
            return worker;
        }

        private Map<String, Object> consumerConfig() {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "praxis-worker-" + workerId);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxInFlight);
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            kafka.forEach((k, v) -> {
                if (ConsumerConfig.configNames().contains(k)) {
                    config.put(k, v);
                }
            });
            return config;
        }

        private Map<String, Object> producerConfig() {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "praxis-worker-" + workerId + "-out");
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            kafka.forEach((k, v) -> {
                if (ProducerConfig.configNames().contains(k)) {
                    config.put(k, v);
                }
            });
            return config;
        }
    }
}
