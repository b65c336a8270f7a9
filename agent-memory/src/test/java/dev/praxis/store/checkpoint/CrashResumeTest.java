package dev.praxis.store.checkpoint;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.state.RunState;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real crash: a child JVM runs the payments agent (tools writing to a SQLite bank, state in
 * a SQLite checkpoint store), is killed with {@code destroyForcibly} at a chosen point, and this
 * JVM resumes the run from the checkpoint. Every effect must end up in the bank exactly once,
 * and a call that was in flight at the kill must be reported, not silently repeated.
 */
class CrashResumeTest {

    @TempDir
    Path dir;
    private JdbcStore memoryStore;
    private JdbcStore checkpointFile;

    @AfterEach
    void closeStores() {
        // their pools must not touch the files while the directory is deleted
        if (memoryStore != null) {
            memoryStore.close();
        }
        if (checkpointFile != null) {
            checkpointFile.close();
        }
    }

    @ParameterizedTest(name = "killed at {0}")
    @CsvSource({
            // point[+tools finished meanwhile], in flight, debit, credit, notify attempts
            "model:1,                     '',           1, 1, 1",
            // debit and credit run in parallel in one step
            "debit:after+credit,          debit,        1, 1, 1",
            "credit:before+debit,         credit,       1, 2, 1",
            "debit:after&credit:before,   debit&credit, 1, 2, 1",
            "model:2,                     '',           1, 1, 1",
            "notify:after,                notify,       1, 1, 1",
            // between the checkpoint and the memory write of a turn, and after it
            "memory:before:2,             '',           1, 1, 1",
            "memory:after:2,              '',           1, 1, 1",
            "memory:before:4,             '',           1, 1, 1",
            "memory:after:4,              '',           1, 1, 1",
    })
    void resumesAfterAKillWithEveryEffectExactlyOnce(String point, String inFlight, int debits, int credits,
                                                     int notifies) throws Exception {
        Path checkpoints = dir.resolve("runs.db");
        Path bank = dir.resolve("bank.db");
        Path memoryFile = dir.resolve("memory.db");
        killChildAt(CrashingChild.class, point, checkpoints.toString(), bank.toString(), memoryFile.toString());

        checkpointFile = SqliteStore.open(checkpoints);
        var store = checkpointFile.checkpoints();
        List<String> running = new ArrayList<>(store.runIds(RunState.Phase.RUNNING));
        // killed around the last memory write, the run had already saved its end
        boolean endSaved = point.endsWith(":4");
        running.addAll(store.runIds(RunState.Phase.ENDED));
        assertThat(running).as("the killed run is in the store").hasSize(1);
        assertThat(store.load(running.get(0)).orElseThrow().phase())
                .isEqualTo(endSaved ? RunState.Phase.ENDED : RunState.Phase.RUNNING);
        List<AgentEvent> events = new CopyOnWriteArrayList<>();
        memoryStore = SqliteStore.open(memoryFile);
        var memory = Payments.memory(memoryStore);
        LlmAgent agent = Payments.agent(bank, store, memory, p -> { }).toBuilder().listener(events::add).build();

        AgentResult result = agent.resume(running.get(0));

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("moved 10 from A to B and notified");
        for (String effect : Payments.EFFECTS) {
            assertThat(Payments.count(bank, "effects", effect)).as("effects of " + effect).isEqualTo(1);
        }
        assertThat(Payments.count(bank, "attempts", "debit")).as("debit attempts").isEqualTo(debits);
        assertThat(Payments.count(bank, "attempts", "credit")).as("credit attempts").isEqualTo(credits);
        assertThat(Payments.count(bank, "attempts", "notify")).as("notify attempts").isEqualTo(notifies);
        AgentEvent.Resumed resumed = (AgentEvent.Resumed) events.stream()
                .filter(e -> e instanceof AgentEvent.Resumed).findFirst()
                .orElse(new AgentEvent.Resumed(running.get(0), "payments", 0, List.of()));
        assertThat(events.isEmpty()).as("an ended run resumes without running anything").isEqualTo(endSaved);
        List<String> expectedInFlight = inFlight.isEmpty() ? List.of() : List.of(inFlight.split("&"));
        assertThat(resumed.inFlight()).extracting(c -> c.name()).containsExactlyInAnyOrderElementsOf(expectedInFlight);
        for (String call : expectedInFlight) {
            assertThat(events).filteredOn(e -> e instanceof AgentEvent.ToolFinished f && f.call().name().equals(call)
                            && f.result().text().contains("was in flight when the run was interrupted"))
                    .as("the in-flight call is reported to the model").hasSize(1);
        }
        RunState ended = store.load(running.get(0)).orElseThrow();
        assertThat(ended.phase()).isEqualTo(RunState.Phase.ENDED);
        assertThat(memory.messages(Payments.SESSION)).as("memory holds the run's conversation, each turn once")
                .isEqualTo(ended.transcript());
    }

    /** Starts {@code main} with {@code args} and the pause specification last, and kills it once paused there. */
    static void killChildAt(Class<?> main, String point, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-DOPT_OUT_TRACKING=true", "-Dai.djl.offline=true",
                main.getName()));
        command.addAll(List.of(args));
        command.add(point);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        CompletableFuture<Boolean> paused = CompletableFuture.supplyAsync(() -> waitForPause(child, point, output));
        try {
            assertThat(paused.get(60, TimeUnit.SECONDS)).as("child reached " + point + "; output: " + output).isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static boolean waitForPause(Process child, String point, List<String> output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.equals("PAUSED " + point)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
