package dev.praxis.store.postgres;

import dev.praxis.store.Servers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** One real PostgreSQL 17 server (zonky embedded binaries) per test JVM; a fresh database per test. */
final class PostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static Throwable failure;

    private PostgresServer() {
    }

    /** The JDBC URL of a new, empty database (user {@code postgres}, no password). */
    static String newDatabase() {
        EmbeddedPostgres pg = server();
        String name = "praxis_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null && failure == null) {
            try {
                // EmbeddedPostgres stops its server in a shutdown hook of its own
                server = EmbeddedPostgres.builder().start();
            } catch (Exception | LinkageError e) {
                failure = e;
            }
        }
        if (failure != null) {
            return Servers.unavailable("embedded PostgreSQL", failure);
        }
        return server;
    }
}
