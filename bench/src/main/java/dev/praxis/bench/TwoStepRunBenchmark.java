package dev.praxis.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * S1: one stateless two-step run (the model asks for {@code add(2, 3)}, the tool runs, the
 * model answers). Time per run; run with {@code -prof gc} for bytes allocated per run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TwoStepRunBenchmark {

    private PraxisSubject praxis;
    private PraxisSubject praxisInline;
    private LangChain4jSubject langchain4j;

    /** Builds both subjects on the same model and checks that each really completes the task. */
    @Setup
    public void setUp() {
        ScriptedChatModel model = ScriptedChatModel.of(1);
        praxis = PraxisSubject.stateless(model);
        praxisInline = PraxisSubject.statelessInline(model);
        langchain4j = LangChain4jSubject.stateless(model);
        Checks.answered("praxis", praxis.run(Scenario.TASK));
        Checks.answered("praxisInline", praxisInline.run(Scenario.TASK));
        Checks.answered("langchain4j", langchain4j.run(Scenario.TASK));
    }

    /** Praxis {@code LlmAgent.run}. */
    @Benchmark
    public String praxis() {
        return praxis.run(Scenario.TASK);
    }

    /**
     * Praxis with the calculator opted in to inline calls: not the default, so not the figure
     * the targets are judged on (docs/tools.md says what the opt-in gives up).
     */
    @Benchmark
    public String praxisInline() {
        return praxisInline.run(Scenario.TASK);
    }

    /** LangChain4j {@code AiServices} proxy call. */
    @Benchmark
    public String langchain4j() {
        return langchain4j.run(Scenario.TASK);
    }
}
