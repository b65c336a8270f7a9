package dev.praxis.store.redis;

import dev.praxis.store.Servers;
import redis.embedded.RedisServer;

import java.net.ServerSocket;

/**
 * One real Redis server (embedded-redis binaries) per test JVM, on a free loopback port; also used
 * by the Spring Boot auto-configuration's tests (this module's test-jar).
 */
public final class RedisTestServer {

    private static int port;
    private static Throwable failure;

    private RedisTestServer() {
    }

    /** The port of the running server, started on first use; fails (CI) or skips the test if it cannot start. */
    public static synchronized int port() {
        if (port == 0 && failure == null) {
            try {
                int free;
                try (ServerSocket socket = new ServerSocket(0)) {
                    free = socket.getLocalPort();
                }
                RedisServer server = RedisServer.newRedisServer().port(free).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no").build();
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // the JVM is ending
                    }
                }));
                port = free;
            } catch (Exception | LinkageError e) {
                failure = e;
            }
        }
        if (failure != null) {
            Servers.unavailable("embedded Redis", failure);
        }
        return port;
    }
}
