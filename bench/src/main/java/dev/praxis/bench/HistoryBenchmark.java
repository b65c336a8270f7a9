package dev.praxis.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * S2: the two-step run of S1 in a conversation that already holds {@code history} messages.
 * Each library keeps a message window of that size, so the history stays the same length
 * from run to run (new turns push the oldest out).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HistoryBenchmark {

    /** Prior messages in the conversation. */
    @Param({"10", "100", "1000"})
    public int history;

    private PraxisSubject praxis;
    private LangChain4jSubject langchain4j;

    /** Builds both subjects with their history and checks that each completes the task. */
    @Setup
    public void setUp() {
        ScriptedChatModel model = ScriptedChatModel.of(1);
        praxis = PraxisSubject.withHistory(model, history);
        langchain4j = LangChain4jSubject.withHistory(model, history);
        Checks.answered("praxis", praxis.runWithHistory(Scenario.TASK));
        Checks.answered("langchain4j", langchain4j.run(Scenario.TASK));
    }

    /** Praxis {@code LlmAgent.run} in a session. */
    @Benchmark
    public String praxis() {
        return praxis.runWithHistory(Scenario.TASK);
    }

    /** LangChain4j {@code AiServices} with a {@code MessageWindowChatMemory}. */
    @Benchmark
    public String langchain4j() {
        return langchain4j.run(Scenario.TASK);
    }
}
