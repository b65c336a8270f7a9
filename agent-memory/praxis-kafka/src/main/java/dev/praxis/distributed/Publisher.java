package dev.praxis.distributed;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Writes a worker's outcomes and dead letters (waiting until the broker has them, since the
 * request's offset is committed next) and its events (asynchronously: they are progress, and
 * {@link #flush()} runs before every commit). Thread-safe, as the producer is.
 */
final class Publisher implements AgentListener {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final String worker;
    private final Predicate<String> live;
    private final PayloadKeys keys;

    /** {@code live} tells whether a run is still this worker's; events of runs it lost are not published. */
    Publisher(Producer<String, byte[]> producer, Topics topics, String worker, Predicate<String> live) {
        this(producer, topics, worker, live, PayloadKeys.NONE);
    }

    /** A publisher sealing the content of outcomes with each person's key from {@code keys}. */
    Publisher(Producer<String, byte[]> producer, Topics topics, String worker, Predicate<String> live, PayloadKeys keys) {
        this.keys = keys;
        this.producer = producer;
        this.topics = topics;
        this.worker = worker;
        this.live = live;
    }

    String worker() {
        return worker;
    }

    void outcome(RunOutcome outcome) {
        send(new ProducerRecord<>(topics.results(), outcome.runId(), Wire.outcome(outcome, keys)));
    }

    void deadLetter(DeadLetter letter) {
        String key = letter.runId().isEmpty() ? letter.key() : letter.runId();
        send(new ProducerRecord<>(topics.deadLetters(), key, Wire.deadLetter(letter)));
    }

    /** Publishes an agent event; a failure to publish is logged, never thrown into the run. */
    @Override
    public void on(AgentEvent event) {
        if (!live.test(event.runId())) {
            return;
        }
        RunEvent published = Events.describe(event, worker);
        try {
            producer.send(new ProducerRecord<>(topics.events(), event.runId(), Wire.event(published)), (meta, e) -> {
                if (e != null) {
                    log.warn("could not publish event {} of run {}: {}", published.type(), event.runId(), e.toString());
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            log.warn("could not publish event {} of run {}: {}", published.type(), event.runId(), e.toString());
        }
    }

    /** Waits until every record sent so far is acknowledged. */
    void flush() {
        producer.flush();
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new DistributedException("cannot publish to " + record.topic() + ": " + e.getCause(), e.getCause(),
                    true);
        } catch (TimeoutException e) {
            throw new DistributedException("publishing to " + record.topic() + " timed out", e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistributedException("interrupted while publishing to " + record.topic(), e, true);
        }
    }
}
