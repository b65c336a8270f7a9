package dev.praxis.tools.mcp;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * The reference MCP servers and the TypeScript SDK from npm, installed once into
 * {@code target/mcp-node} (or {@code -Dpraxis.mcp.node.dir}); .ci/run installs them up front.
 * When they cannot be installed the tests fail under {@code CI=true} and are skipped, with the
 * reason, otherwise.
 */
final class NodeMcp {

    static final List<String> PACKAGES = List.of("@modelcontextprotocol/server-everything@2026.8.31",
            "@modelcontextprotocol/server-filesystem@2026.8.31", "@modelcontextprotocol/sdk@1.32.2");

    private static Path ready;

    private NodeMcp() {
    }

    /** The install directory, installing first if needed. */
    static synchronized Path dir() {
        if (ready != null) {
            return ready;
        }
        Path dir = Path.of(System.getProperty("praxis.mcp.node.dir", "target/mcp-node")).toAbsolutePath();
        if (!Files.exists(dir.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))
                || !Files.exists(dir.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js"))
                || !Files.exists(dir.resolve("node_modules/@modelcontextprotocol/server-filesystem/dist/index.js"))) {
            install(dir);
        }
        ready = dir;
        return dir;
    }

    static Path everything() {
        return dir().resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    }

    static Path filesystem() {
        return dir().resolve("node_modules/@modelcontextprotocol/server-filesystem/dist/index.js");
    }

    /** Writes {@code script} next to node_modules (so imports resolve) and returns its path. */
    static Path script(String name, String script) throws IOException {
        Path file = dir().resolve(name);
        Files.writeString(file, script, StandardCharsets.UTF_8);
        return file;
    }

    private static void install(Path dir) {
        String problem;
        try {
            Files.createDirectories(dir);
            List<String> command = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix",
                    dir.toString()));
            command.addAll(PACKAGES);
            Process npm = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("npm-install.log").toFile()).start();
            if (npm.waitFor(6, TimeUnit.MINUTES) && npm.exitValue() == 0) {
                return;
            }
            npm.destroyForcibly();
            problem = "npm install failed; see " + dir.resolve("npm-install.log");
        } catch (IOException e) {
            problem = "npm is not available: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while installing the MCP servers";
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("the MCP reference servers are needed under CI=true: " + problem);
        }
        Assumptions.assumeTrue(false, "skipping MCP tests: " + problem);
    }
}
