package dev.praxis.distributed;

import dev.praxis.agent.LlmAgent;
import dev.praxis.store.sqlite.SqliteStore;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A worker JVM of the fleet tests and the throughput benchmark: serves the {@link Shop} agents
 * with checkpoints in a shared SQLite file, prints {@code READY <id>} once consuming, and runs
 * until killed (a SIGTERM closes it gracefully; {@code destroyForcibly} does not).
 *
 * <p>Arguments: bootstrap servers, topic prefix, group, checkpoint database, shop database,
 * max in-flight runs, model latency in milliseconds, worker id.
 */
public final class WorkerMain {

    private WorkerMain() {
    }

    /** Starts the worker; see the class comment for the arguments. */
    public static void main(String[] args) throws InterruptedException {
        KafkaWorker.Builder builder = KafkaWorker.builder().bootstrapServers(args[0]).topics(Topics.named(args[1]))
                .group(args[2]).checkpoints(SqliteStore.open(Path.of(args[3])).checkpoints())
                .maxInFlight(Integer.parseInt(args[5])).workerId(args[7])
                .kafkaProperty("session.timeout.ms", 4000).kafkaProperty("heartbeat.interval.ms", 500);
        for (LlmAgent agent : Shop.agents(Path.of(args[4]), Long.parseLong(args[6]))) {
            builder.agent(agent);
        }
        KafkaWorker worker = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }));
        System.out.println("READY " + worker.id());
        System.out.flush();
        stopped.await();
    }
}
