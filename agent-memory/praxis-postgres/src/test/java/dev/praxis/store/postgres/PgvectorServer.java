package dev.praxis.store.postgres;

import dev.praxis.store.Servers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL with the real pgvector extension, one per test JVM: PGlite (PostgreSQL 18
 * compiled to WebAssembly, with pgvector) from npm, served over the PostgreSQL wire protocol by
 * {@code pglite/pgvector-server.mjs}. The npm packages are installed once into
 * {@code target/pglite-node} (or {@code -Dpraxis.pglite.node.dir}); .ci/run installs them up front.
 * PGlite is one database session, so it serves one connection at a time: stores use a pool of one,
 * and the URL turns off named server-side statements so a new connection never meets an old one's.
 * Under {@code CI=true} a server that cannot start fails the test; elsewhere the test is skipped.
 */
final class PgvectorServer {

    static final List<String> PACKAGES = List.of("@electric-sql/pglite@0.5.14",
            "@electric-sql/pglite-socket@0.2.17", "@electric-sql/pglite-pgvector@0.0.15");

    private static String url;
    private static Throwable failure;

    private PgvectorServer() {
    }

    /** The JDBC URL of the server's database, emptied (schema and extension dropped) for a new test. */
    static String freshDatabase() {
        String jdbcUrl = url();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
            s.execute("DROP EXTENSION IF EXISTS vector");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the PGlite database", e);
        }
        return jdbcUrl;
    }

    private static synchronized String url() {
        if (url == null && failure == null) {
            try {
                url = start();
            } catch (Exception | LinkageError e) {
                failure = e;
            }
        }
        if (failure != null) {
            return Servers.unavailable("PGlite with pgvector (npm " + String.join(", ", PACKAGES) + ")", failure);
        }
        return url;
    }

    private static String start() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("praxis.pglite.node.dir", "target/pglite-node")).toAbsolutePath();
        if (!Files.exists(dir.resolve("node_modules/@electric-sql/pglite-socket/package.json"))
                || !Files.exists(dir.resolve("node_modules/@electric-sql/pglite-pgvector/package.json"))) {
            install(dir);
        }
        Path script = dir.resolve("pgvector-server.mjs");
        try (InputStream in = PgvectorServer.class.getResourceAsStream("/pglite/pgvector-server.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process node = new ProcessBuilder("node", script.toString(), String.valueOf(port)).directory(dir.toFile())
                .redirectErrorStream(true).start();
        // the server exits when its standard input closes, i.e. when this JVM ends
        Runtime.getRuntime().addShutdownHook(new Thread(node::destroy));
        awaitReady(node);
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?prepareThreshold=0";
    }

    /** Waits for the READY line, then keeps reading the output on a daemon thread so the server never blocks. */
    private static void awaitReady(Process node) throws IOException, InterruptedException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        List<String> output = new ArrayList<>();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("READY")) {
                        ready.complete(true);
                    } else if (!ready.isDone()) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                // the server stopped
            }
            ready.complete(false);
        }, "pglite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.get(3, TimeUnit.MINUTES)) {
                throw new IOException("the PGlite server exited before it was ready: " + String.join("\n", output));
            }
        } catch (ExecutionException | TimeoutException e) {
            node.destroyForcibly();
            throw new IOException("the PGlite server did not report READY within 3 minutes: " + output, e);
        }
    }

    private static void install(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix",
                dir.toString()));
        command.addAll(PACKAGES);
        Process npm = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("npm-install.log").toFile()).start();
        if (!npm.waitFor(6, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IOException("npm install failed; see " + dir.resolve("npm-install.log"));
        }
    }
}
