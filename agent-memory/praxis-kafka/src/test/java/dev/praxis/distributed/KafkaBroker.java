package dev.praxis.distributed;

import dev.praxis.store.Servers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.internals.Exit;

import java.util.Map;

/**
 * One real Kafka broker (KRaft, combined broker and controller) in this JVM, on loopback,
 * started on first use and shared by the tests of this JVM; stopped when the JVM exits. A
 * broker that cannot start fails the test under {@code CI=true} and skips it elsewhere.
 */
final class KafkaBroker {

    private static KafkaClusterTestKit cluster;

    private KafkaBroker() {
    }

    /** The broker's bootstrap address, starting it if needed. */
    static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = Servers.startOrSkip("Kafka broker (KRaft, in-process)", KafkaBroker::start);
            KafkaClusterTestKit started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started)));
        }
        return cluster.bootstrapServers();
    }

    /** Closes the broker (which deletes its files), giving up after 5 s so the JVM's exit is not held up. */
    private static void stop(KafkaClusterTestKit broker) {
        Thread closing = new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                // the JVM is exiting anyway
            }
        }, "kafka-broker-close");
        closing.setDaemon(true);
        closing.start();
        try {
            closing.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Creates the topics of {@code topics} with {@code partitions} partitions each. */
    static void createTopics(Topics topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            topics.create(admin, partitions, (short) 1);
        }
    }

    private static KafkaClusterTestKit start() throws Exception {
        // The broker shares the test JVM. Kafka halts its process on some faults, also while it
        // is closed from the shutdown hook; that turned a green test JVM's exit code into 1 and
        // failed the build after every test had passed. Here such a request is reported instead.
        Exit.setHaltProcedure((code, message) -> System.err.println("the embedded Kafka broker asked to halt ("
                + code + "): " + message));
        Exit.setExitProcedure((code, message) -> System.err.println("the embedded Kafka broker asked to exit ("
                + code + "): " + message));
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build();
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "3")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("group.min.session.timeout.ms", "2000")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        return kit;
    }
}
