package dev.praxis.llm.provider.hostile;

import dev.langchain4j.agent.tool.Tool;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.CircuitBreaker;
import dev.praxis.llm.Fallback;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.RateLimit;
import dev.praxis.llm.Retry;
import dev.praxis.llm.Sleeper;
import dev.praxis.llm.Timeout;
import dev.praxis.llm.provider.hostile.Scenario.Expect;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run contract against a hostile model server: every scenario, in every wire format it
 * applies to, through the bare provider client and the documented decorator stack, blocking and
 * streaming. Each run must return (never throw) within its {@code maxTime} plus {@link #GRACE},
 * with the status and a reason that say what happened.
 *
 * <p>The table of outcomes in {@code docs/guarantees.md} is generated from these runs: the test
 * fails when the page's copy differs. Regenerate it with
 * {@code mvn -pl agent-core verify -Dtest=HostileProviderContractTest -Dpraxis.guarantees.write=true}.
 * Measured times per scenario go to {@code target/hostile-provider-times.md} on every run and,
 * with the switch, into the page's (uncompared) times table.
 */
class HostileProviderContractTest {

    static final Duration MAX_TIME = Duration.ofSeconds(2);
    /** How far past {@code maxTime} a run may return: the contract's stated grace. */
    static final Duration GRACE = Duration.ofMillis(1000);
    private static final Path DOC = Path.of("..", "docs", "guarantees.md");
    private static final String TABLE = "hostile-provider-table";
    private static final String TIMES = "hostile-provider-times";

    /** Adds two integers; the tool the scripted tool calls ask for. */
    public static final class Adder {
        @Tool("Adds two integers")
        public int add(int a, int b) {
            return a + b;
        }
    }

    /**
     * Works until the suite ends and ignores every interrupt: the tool of the scenario that
     * measures how long a run waits for a tool that outlives its budget (the tool's own timeout
     * is the default 60 s, far beyond it).
     */
    public static final class Stall {
        static final CountDownLatch RELEASE = new CountDownLatch(1);

        @Tool("Looks something up, slowly")
        public String stall() {
            boolean released = false;
            while (!released) {
                try {
                    released = RELEASE.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // this tool ignores interrupts on purpose
                }
            }
            return "found it, too late";
        }
    }

    /** One run of the matrix and what it returned. */
    record Cell(Scenario scenario, Dialect dialect, boolean decorated, boolean streaming, AgentResult result,
                Throwable thrown, long millis, int requests) {

        Expect expected() {
            return scenario.expect().of(decorated, streaming);
        }

        String label() {
            return scenario.name() + " / " + dialect + " / " + (decorated ? "decorated" : "bare") + " / "
                    + (streaming ? "streaming" : "blocking");
        }
    }

    @Test
    void everyRunEndsInsideItsBudgetWithATruthfulStatus() throws Exception {
        List<Cell> cells;
        try {
            cells = runMatrix();
        } finally {
            Stall.RELEASE.countDown();
        }

        List<String> broken = new ArrayList<>();
        for (Cell cell : cells) {
            String problem = problem(cell);
            if (problem != null) {
                broken.add(cell.label() + ": " + problem);
            }
        }
        writeTimes(cells);
        if (!System.getProperty("hostile.only", "").isEmpty()) {
            cells.forEach(c -> System.out.println(c.label() + " -> " + c.millis() + " ms, " + c.requests() + " requests, "
                    + (c.result() == null ? c.thrown() : c.result().status() + ": " + c.result().reason())));
            assertThat(broken).isEmpty();
            return;
        }
        assertThat(broken).as("runs that broke the contract").isEmpty();
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("praxis.guarantees.write")) {
            doc = replace(doc, TABLE, GuaranteesTable.render(cells));
            Files.writeString(DOC, replace(doc, TIMES, GuaranteesTable.times(cells, MAX_TIME)), StandardCharsets.UTF_8);
            return;
        }
        assertThat(between(doc, TABLE)).as("docs/guarantees.md's table is what the suite measured; regenerate it"
                + " with -Dpraxis.guarantees.write=true").isEqualTo(GuaranteesTable.render(cells));
    }

    private static String problem(Cell cell) {
        if (cell.thrown() != null) {
            return "run threw " + cell.thrown();
        }
        long allowed = MAX_TIME.plus(GRACE).toMillis();
        if (cell.millis() > allowed) {
            return "returned after " + cell.millis() + " ms, allowed " + allowed;
        }
        Expect expected = cell.expected();
        AgentResult r = cell.result();
        if (r.status() != expected.status() || !r.reason().contains(expected.reasonContains())) {
            return "expected " + expected.status() + " with '" + expected.reasonContains() + "', got " + r.status()
                    + ": " + r.reason();
        }
        if (r.status() == Status.COMPLETED && !r.output().contains("42")) {
            return "completed with the wrong output '" + r.output() + "'";
        }
        return null;
    }

    private static List<Cell> runMatrix() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            warmUp();
            List<Future<Cell>> futures = new ArrayList<>();
            String only = System.getProperty("hostile.only", "");
            for (Scenario scenario : Scenario.all()) {
                if (!scenario.name().contains(only)) {
                    continue;
                }
                for (Dialect dialect : scenario.dialects()) {
                    for (boolean decorated : new boolean[] {false, true}) {
                        for (boolean streaming : new boolean[] {false, true}) {
                            futures.add(pool.submit(() -> run(scenario, dialect, decorated, streaming)));
                        }
                    }
                }
            }
            List<Cell> cells = new ArrayList<>();
            for (Future<Cell> f : futures) {
                cells.add(f.get());
            }
            return cells;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One untimed answer per format and mode first, so class loading is not charged to the first cells. */
    private static void warmUp() throws IOException {
        Scenario answer = Scenario.all().get(0);
        for (Dialect dialect : Dialect.values()) {
            for (boolean streaming : new boolean[] {false, true}) {
                run(answer, dialect, true, streaming);
            }
        }
    }

    private static Cell run(Scenario scenario, Dialect dialect, boolean decorated, boolean streaming) throws IOException {
        try (HostileServer server = new HostileServer(scenario.script().replies(dialect, streaming))) {
            Map<String, String> settings = dialect.settings(server);
            LlmClient llm = decorated ? documentedStack(settings) : LlmClients.from(settings);
            LlmAgent agent = LlmAgent.builder().llm(llm).tools(new Adder(), new Stall()).streaming(streaming)
                    .budget(Budget.DEFAULT.withMaxTime(MAX_TIME)).build();
            long start = System.nanoTime();
            AgentResult result = null;
            Throwable thrown = null;
            try {
                result = agent.run("What is 2+3?");
            } catch (Throwable t) {
                thrown = t;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Cell(scenario, dialect, decorated, streaming, result, thrown, millis, server.requestCount());
        }
    }

    /**
     * The stack docs/llm.md shows, with its numbers; only the retry's jitter is pinned (0.1 of
     * each cap) so outcomes do not depend on chance. The fallback asks the same server again.
     */
    static LlmClient documentedStack(Map<String, String> settings) {
        return LlmClients.from(settings)
                .with(Timeout.total(Duration.ofSeconds(60)).firstToken(Duration.ofSeconds(10)))
                .with(RateLimit.perMinute(60).tokensPerMinute(90_000))
                .with(CircuitBreaker.after(5).openFor(Duration.ofSeconds(30)))
                .with(Retry.upTo(4).baseDelay(Duration.ofMillis(500)).timing(Sleeper.SYSTEM, () -> 0.1))
                .with(Fallback.to(LlmClients.from(settings)));
    }

    private static void writeTimes(List<Cell> cells) throws IOException {
        Path out = Path.of("target", "hostile-provider-times.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, GuaranteesTable.times(cells, MAX_TIME), StandardCharsets.UTF_8);
    }

    /** The text between {@code <!-- name:start -->} and {@code <!-- name:end -->}, without the first newline. */
    private static String between(String doc, String name) {
        int start = doc.indexOf("<!-- " + name + ":start -->");
        int end = doc.indexOf("<!-- " + name + ":end -->");
        assertThat(start).as("docs/guarantees.md has the markers of " + name).isNotNegative();
        assertThat(end).isGreaterThan(start);
        return doc.substring(doc.indexOf('\n', start) + 1, end);
    }

    private static String replace(String doc, String name, String content) {
        String old = between(doc, name);
        int at = doc.indexOf("<!-- " + name + ":start -->");
        int from = doc.indexOf('\n', at) + 1;
        return doc.substring(0, from) + content + doc.substring(from + old.length());
    }
}
