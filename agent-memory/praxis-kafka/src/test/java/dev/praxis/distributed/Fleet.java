package dev.praxis.distributed;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Worker JVMs ({@link WorkerMain}) started as child processes with this JVM's class path, all in
 * one group on one set of topics, sharing the checkpoint and shop databases in {@code dir}.
 */
final class Fleet implements AutoCloseable {

    /** Kept after the test, for a look at what a worker did. */
    private static final Path LOGS = Path.of("target", "fleet-logs");

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    /** Starts {@code size} workers {@code w1..wN} and waits until each has started consuming. */
    static Fleet start(int size, Topics topics, Path dir, int maxInFlight, long latencyMillis) throws Exception {
        Fleet fleet = new Fleet();
        Files.createDirectories(LOGS);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 1; i <= size; i++) {
            Path log = LOGS.resolve(prefix(topics) + "-w" + i + ".log");
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Xmx384m", "-XX:+UseSerialGC", "-DOPT_OUT_TRACKING=true", "-Dai.djl.offline=true",
                    WorkerMain.class.getName(), KafkaBroker.bootstrapServers(), prefix(topics),
                    topics.requests() + "-workers", dir.resolve("runs.db").toString(), dir.resolve("shop.db").toString(),
                    Integer.toString(maxInFlight), Long.toString(latencyMillis), "w" + i)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("OPT_OUT_TRACKING", "true");
            fleet.processes.add(builder.start());
            fleet.logs.add(log);
        }
        for (int i = 0; i < size; i++) {
            fleet.awaitLine(i, "READY", Duration.ofSeconds(60));
        }
        awaitStableGroup(topics.requests() + "-workers", size, Duration.ofSeconds(60));
        return fleet;
    }

    /** Waits until the group has {@code size} members, each with partitions, and no rebalance under way. */
    private static void awaitStableGroup(String group, int size, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBroker.bootstrapServers()))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription description;
                try {
                    description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                } catch (ExecutionException e) {
                    Thread.sleep(200); // not created yet: no member has joined
                    continue;
                }
                if (description.groupState() == GroupState.STABLE && description.members().size() == size
                        && description.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("group " + group + " did not settle with " + size + " members");
        }
    }

    /** Kills worker {@code index} (0-based) at once, as a crash or a lost machine would. */
    void kill(int index) throws InterruptedException {
        Process process = processes.get(index);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("worker " + (index + 1) + " did not die");
        }
    }

    /** The output of worker {@code index} so far. */
    String log(int index) {
        try {
            return Files.readString(logs.get(index), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitLine(int index, String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log(index).lines().anyMatch(l -> l.startsWith(prefix))) {
                return;
            }
            if (!processes.get(index).isAlive()) {
                throw new IllegalStateException("worker " + (index + 1) + " exited: " + log(index));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("worker " + (index + 1) + " did not print " + prefix + ": " + log(index));
    }

    private static String prefix(Topics topics) {
        return topics.requests().substring(0, topics.requests().length() - ".runs".length());
    }

    /** Stops every worker still alive (SIGTERM, then forcibly). */
    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
