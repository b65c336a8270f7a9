package dev.praxis.tools.mcp.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance} 0.1.12, its
 * TypeScript SDK pinned to 1.25.3 by an npm override), installed once into
 * {@code target/mcp-conformance} (.ci/run installs it up front). Missing npm fails the tests
 * under {@code CI=true} and skips them, with the reason, otherwise.
 */
final class ConformanceSuite {

    static final String VERSION = "0.1.12";
    static final String SDK_OVERRIDE = "1.25.3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PACKAGE_JSON = """
            {
              "name": "praxis-mcp-conformance",
              "private": true,
              "dependencies": { "@modelcontextprotocol/conformance": "%s" },
              "overrides": { "@modelcontextprotocol/sdk": "%s" }
            }
            """.formatted(VERSION, SDK_OVERRIDE);

    /** One scenario's outcome: passed means no check failed (and, for a client, it exited 0). */
    record Scenario(String name, boolean passed, List<String> failures, List<String> warnings) {
        Scenario {
            failures = List.copyOf(failures);
            warnings = List.copyOf(warnings);
        }
    }

    private final Path dir;

    private ConformanceSuite(Path dir) {
        this.dir = dir;
    }

    /** The suite, installing it first if needed. */
    static ConformanceSuite installed() {
        Path dir = Path.of(System.getProperty("praxis.mcp.conformance.dir", "target/mcp-conformance")).toAbsolutePath();
        if (!Files.exists(cli(dir))) {
            install(dir);
        }
        return new ConformanceSuite(dir);
    }

    private static Path cli(Path dir) {
        return dir.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
    }

    /** Every server scenario of the suite ({@code --suite all}) against {@code url}. */
    Map<String, Scenario> runServer(String url, Path out) throws IOException, InterruptedException {
        Path log = out.resolve("server.log");
        Files.createDirectories(out);
        run(List.of("server", "--url", url, "--suite", "all", "-o", out.toString()), log, 10);
        Map<String, Scenario> results = new TreeMap<>();
        for (String name : list("Server scenarios")) {
            Optional<Path> checks = checksOf(out, "server-" + name);
            results.put(name, checks.isPresent() ? parse(name, checks.get(), true)
                    : new Scenario(name, false, List.of("the suite recorded no result (see " + log + ")"), List.of()));
        }
        return results;
    }

    /** One client scenario: the suite starts its test server and runs {@code command} against it. */
    Scenario runClient(String scenario, String command, int timeoutMillis, Path out)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        Path log = out.resolve(scenario.replace('/', '_') + ".log");
        int exit = run(List.of("client", "--command", command, "--scenario", scenario, "--timeout",
                String.valueOf(timeoutMillis), "-o", out.toString()), log, timeoutMillis / 60_000 + 3);
        Optional<Path> checks = checksOf(out, scenario);
        Scenario parsed = checks.isPresent() ? parse(scenario, checks.get(), exit == 0)
                : new Scenario(scenario, false, List.of("the suite recorded no result"), List.of());
        if (exit != 0 && parsed.failures().isEmpty()) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            List<String> why = new ArrayList<>();
            why.add(output.contains("CLIENT EXITED WITH ERROR") ? "the client exited with an error" : "exit code " + exit);
            return new Scenario(scenario, false, why, parsed.warnings());
        }
        return parsed;
    }

    /** The scenario names the suite lists under {@code heading} ("Server scenarios", "Client scenarios"). */
    List<String> list(String heading) throws IOException, InterruptedException {
        Path log = Files.createTempFile("conformance-list", ".txt");
        try {
            run(List.of("list"), log, 1);
            List<String> names = new ArrayList<>();
            boolean inside = false;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.endsWith(":")) {
                    inside = line.startsWith(heading);
                } else if (inside && line.trim().startsWith("- ")) {
                    names.add(line.trim().substring(2).trim());
                }
            }
            return names;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private int run(List<String> args, Path log, int minutes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", cli(dir).toString()));
        command.addAll(args);
        Process node = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!node.waitFor(minutes, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            fail("the conformance suite did not finish in " + minutes + " min; see " + log);
        }
        return node.exitValue();
    }

    /** The newest {@code checks.json} of a scenario's result directory ({@code prefix-<timestamp>}). */
    private static Optional<Path> checksOf(Path out, String prefix) throws IOException {
        Path parent = out.resolve(prefix).getParent();
        String leaf = out.resolve(prefix).getFileName().toString();
        if (!Files.isDirectory(parent)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(parent)) {
            return dirs.filter(d -> d.getFileName().toString().matches(java.util.regex.Pattern.quote(leaf)
                            + "-\\d{4}-\\d\\d-\\d\\dT.*"))
                    .max(Path::compareTo).map(d -> d.resolve("checks.json")).filter(Files::exists);
        }
    }

    private static Scenario parse(String name, Path checks, boolean exitedCleanly) throws IOException {
        Set<String> failures = new LinkedHashSet<>();
        Set<String> warnings = new LinkedHashSet<>();
        for (JsonNode check : JSON.readTree(checks.toFile())) {
            String status = check.path("status").asText();
            String why = check.path("id").asText() + ": " + (check.hasNonNull("errorMessage")
                    ? check.get("errorMessage").asText() : check.path("description").asText());
            if (status.equals("FAILURE")) {
                failures.add(why);
            } else if (status.equals("WARNING")) {
                warnings.add(why);
            }
        }
        return new Scenario(name, failures.isEmpty() && exitedCleanly, new ArrayList<>(failures),
                new ArrayList<>(warnings));
    }

    private static void install(Path dir) {
        String problem;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"), PACKAGE_JSON, StandardCharsets.UTF_8);
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("npm-install.log").toFile()).start();
            if (npm.waitFor(6, TimeUnit.MINUTES) && npm.exitValue() == 0) {
                return;
            }
            npm.destroyForcibly();
            problem = "npm install failed; see " + dir.resolve("npm-install.log");
        } catch (IOException e) {
            problem = "npm is not available: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while installing the MCP conformance suite";
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("the MCP conformance suite is needed under CI=true: " + problem);
        }
        Assumptions.assumeTrue(false, "skipping the MCP conformance suite: " + problem);
    }
}
