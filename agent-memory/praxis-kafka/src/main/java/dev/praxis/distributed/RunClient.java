package dev.praxis.distributed;

import dev.praxis.agent.Status;
import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.ApprovalDecision;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Submits runs to the workers and follows their outcomes and events.
 *
 * <pre>{@code
 * try (RunClient client = RunClient.connect("kafka:9092", Topics.named("praxis"))) {
 *     String runId = client.submit(new RunRequest("support", MemoryScope.of("alice", "chat-42"), "Where is my order?"));
 *     RunOutcome outcome = client.await(runId, Duration.ofMinutes(2));
 *     if (outcome.status() == Status.AWAITING_APPROVAL) {
 *         client.decide(outcome, ApprovalDecision.allow());
 *         outcome = client.await(runId, Duration.ofMinutes(2));
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #await} sees the outcomes of runs this client submitted or decided, and of any run
 * whose outcome arrives after the call. Thread-safe.
 */
public final class RunClient implements AutoCloseable {

    /** Outcomes kept for {@link #await}; beyond this many, those already seen are forgotten. */
    private static final int MAX_TRACKED = 100_000;

    private final String bootstrapServers;
    private final Map<String, Object> kafka;
    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;
    private final PayloadKeys keys;
    private final TopicReader results;
    private final Map<String, CompletableFuture<RunOutcome>> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Set<RunOutcome.Pending>> decided = new ConcurrentHashMap<>();
    private final List<Consumer<RunEvent>> listeners = new CopyOnWriteArrayList<>();
    private TopicReader events;

    private RunClient(String bootstrapServers, Topics topics, Map<String, Object> kafka, PayloadKeys keys) {
        this.keys = keys;
        this.bootstrapServers = bootstrapServers;
        this.kafka = Map.copyOf(kafka);
        this.topics = topics;
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        try {
            this.results = new TopicReader(bootstrapServers, this.kafka, topics.results(), this::received);
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
    }

    /** A client of the deployment at {@code bootstrapServers} using {@code topics}. */
    public static RunClient connect(String bootstrapServers, Topics topics) {
        return connect(bootstrapServers, topics, Map.of());
    }

    /**
     * A client with extra Kafka client properties (security, timeouts).
     *
     * @throws DistributedException if the results topic cannot be read
     */
    public static RunClient connect(String bootstrapServers, Topics topics, Map<String, Object> kafkaProperties) {
        return connect(bootstrapServers, topics, kafkaProperties, PayloadKeys.NONE);
    }

    /**
     * A client that seals the content of its requests and decisions with each person's key, and
     * opens outcomes with it (the workers must share {@code keys}); see {@link PayloadKeys}.
     *
     * @throws DistributedException if the results topic cannot be read
     */
    public static RunClient connect(String bootstrapServers, Topics topics, Map<String, Object> kafkaProperties,
                                    PayloadKeys keys) {
        return new RunClient(Objects.requireNonNull(bootstrapServers, "bootstrapServers"),
                Objects.requireNonNull(topics, "topics"), kafkaProperties, Objects.requireNonNull(keys, "keys"));
    }

    /**
     * Sends {@code request} to the workers and returns its run id once the broker has it.
     *
     * @throws DistributedException if the broker does not acknowledge it
     */
    public String submit(RunRequest request) {
        return join(submitAsync(request));
    }

    /**
     * Sends {@code request} without waiting: the future completes with the run id once the broker
     * has the request, or with a {@link DistributedException}. For submitting many runs at once.
     */
    public CompletableFuture<String> submitAsync(RunRequest request) {
        Objects.requireNonNull(request, "request");
        String runId = UUID.randomUUID().toString();
        outcomes.put(runId, track());
        return send(request.session().key(), Wire.start(runId, request, keys)).thenApply(sent -> runId);
    }

    /**
     * Sends a person's decision for the calls that the run of {@code awaiting} waits for; the
     * worker that picks it up continues the run, and {@link #await} then returns its next outcome.
     *
     * @throws IllegalArgumentException if {@code awaiting} is not awaiting approval, or
     *     {@code decision} is {@link ApprovalDecision.AskPerson} (an open question decides nothing)
     */
    public void decide(RunOutcome awaiting, ApprovalDecision decision) {
        if (decision instanceof ApprovalDecision.AskPerson) {
            throw new IllegalArgumentException("askPerson is not a decision to send: the run already waits for one;"
                    + " send allow, deny, edit or answer");
        }
        if (awaiting.status() != Status.AWAITING_APPROVAL) {
            throw new IllegalArgumentException("run " + awaiting.runId() + " is " + awaiting.status()
                    + ", not AWAITING_APPROVAL: there is nothing to decide");
        }
        // a copy of the paused outcome may still arrive (redelivered request): it is not the next outcome
        decided.put(awaiting.runId(), Set.copyOf(awaiting.pending()));
        decide(awaiting.runId(), awaiting.session(), decision);
    }

    /**
     * Sends a decision for run {@code runId} of the session whose key is {@code sessionKey}.
     *
     * @throws IllegalArgumentException if {@code decision} is {@link ApprovalDecision.AskPerson}
     */
    public void decide(String runId, String sessionKey, ApprovalDecision decision) {
        Objects.requireNonNull(decision, "decision");
        byte[] record = Wire.decide(runId, sessionKey, decision, keys);
        outcomes.put(runId, track());
        join(send(sessionKey, record));
    }

    /** Sends a decision for run {@code runId} of {@code session}. */
    public void decide(String runId, MemoryScope session, ApprovalDecision decision) {
        decide(runId, session.key(), decision);
    }

    /**
     * The outcome of {@code runId}, as a future: the latest one this client saw, or the next one to
     * arrive. After {@link #decide} it is the outcome that follows the decision.
     */
    public CompletableFuture<RunOutcome> outcome(String runId) {
        return outcomes.computeIfAbsent(Objects.requireNonNull(runId, "runId"), id -> track());
    }

    private CompletableFuture<RunOutcome> track() {
        if (outcomes.size() >= MAX_TRACKED) {
            outcomes.values().removeIf(CompletableFuture::isDone);
        }
        return new CompletableFuture<>();
    }

    /**
     * Waits for the outcome of {@code runId} (ended, or paused for approval); see {@link #outcome}.
     *
     * @throws DistributedException (retriable) if none arrives within {@code timeout}
     */
    public RunOutcome await(String runId, Duration timeout) {
        CompletableFuture<RunOutcome> future = outcome(runId);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DistributedException("no outcome of run " + runId + " within " + timeout
                    + "; are workers running and subscribed to " + topics.requests() + "?", e, true);
        } catch (ExecutionException e) {
            throw new DistributedException("waiting for run " + runId + " failed", e.getCause(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistributedException("interrupted while waiting for run " + runId, e, true);
        }
    }

    /**
     * Calls {@code listener} with every event published from now on, of all runs (filter by
     * {@link RunEvent#runId()}), on the client's reader thread. Close the result to stop.
     */
    public synchronized AutoCloseable subscribe(Consumer<RunEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        if (events == null) {
            events = new TopicReader(bootstrapServers, kafka, topics.events(), value -> {
                RunEvent event = Wire.event(value);
                listeners.forEach(l -> l.accept(event));
            });
        }
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized void close() {
        results.close();
        if (events != null) {
            events.close();
        }
        producer.close();
    }

    private void received(byte[] value) {
        RunOutcome outcome = Wire.outcome(value, keys);
        Set<RunOutcome.Pending> answered = decided.get(outcome.runId());
        if (answered != null) {
            if (outcome.status() == Status.AWAITING_APPROVAL && Set.copyOf(outcome.pending()).equals(answered)) {
                return;
            }
            decided.remove(outcome.runId());
        }
        CompletableFuture<RunOutcome> waiting = outcomes.get(outcome.runId());
        if (waiting != null) {
            waiting.complete(outcome);
        }
    }

    private CompletableFuture<Void> send(String key, byte[] value) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topics.requests(), key, value), (meta, e) -> {
                if (e == null) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(new DistributedException("cannot send to " + topics.requests() + ": "
                            + e.getMessage(), e, true));
                }
            });
        } catch (KafkaException e) {
            sent.completeExceptionally(new DistributedException("cannot send to " + topics.requests() + ": "
                    + e.getMessage(), e, true));
        }
        return sent;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof DistributedException d ? d
                    : new DistributedException("sending failed: " + e.getCause(), e.getCause(), true);
        } catch (TimeoutException e) {
            throw new DistributedException("the broker did not acknowledge the request within 60 s", e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistributedException("interrupted while sending a request", e, true);
        }
    }
}
