package dev.praxis.tools.a2a;

import dev.praxis.agent.Agent;
import io.a2a.spec.AgentCard;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What an A2A test opens on loopback (servers on a free port of 127.0.0.1, clients, webhook
 * receivers), closed after each test in the order opened. Register it with
 * {@code @RegisterExtension final Loopback loopback = new Loopback();}.
 */
final class Loopback implements AfterEachCallback {

    private final List<AutoCloseable> closing = new ArrayList<>();

    /** {@code agent} served as {@code card} on a free loopback port. */
    A2aServer serve(Agent agent, AgentCard card) {
        return closeAfter(A2aServer.start(agent, card, new InetSocketAddress("127.0.0.1", 0)));
    }

    /** {@code agent} served as {@code card} on a free loopback port, callers checked by {@code auth}. */
    A2aServer serve(Agent agent, AgentCard card, A2aAuth auth) {
        return closeAfter(A2aServer.start(agent, card, new InetSocketAddress("127.0.0.1", 0), auth));
    }

    /** {@code closeable}, closed after the test. */
    <T extends AutoCloseable> T closeAfter(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception failed = null;
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        closing.clear();
        if (failed != null) {
            throw failed;
        }
    }
}
