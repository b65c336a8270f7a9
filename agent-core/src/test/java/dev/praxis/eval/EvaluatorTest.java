package dev.praxis.eval;

import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Calculator;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;
import dev.praxis.llm.Price;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluatorTest {

    private static AgentResult answer(String output, Usage usage) {
        return new AgentResult("run-" + output, Status.COMPLETED, output, List.of(), usage, "final answer");
    }

    private static EvalSuite echoSuite(int n) {
        return new EvalSuite("echo", IntStream.range(0, n)
                .mapToObj(i -> new EvalCase("c" + i, "say " + i, List.of(String.valueOf(i)),
                        List.of(new Check.Exact(String.valueOf(i), false))))
                .toList());
    }

    @Test
    void runsCasesInParallelUpToTheLimitAndKeepsSuiteOrder() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        // three cases must be in flight together to pass the barrier; a lower limit would time out
        CyclicBarrier together = new CyclicBarrier(3);
        Agent agent = request -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                together.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("fewer than 3 cases ran at once", e);
            } finally {
                running.decrementAndGet();
            }
            return answer(request.input().substring(4), Usage.ZERO);
        };

        SuiteResult result = Evaluator.builder(agent).concurrency(3).build().run(echoSuite(9));

        assertThat(peak.get()).isEqualTo(3);
        assertThat(result.cases()).extracting(CaseResult::caseId).containsExactly(
                "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8");
        assertThat(result.metrics().passRate()).isEqualTo(1.0);
    }

    @Test
    void reportsProgressOncePerCaseInOrderOfCompletion() {
        List<Integer> done = new CopyOnWriteArrayList<>();
        Agent agent = request -> answer(request.input().substring(4), Usage.ZERO);

        Evaluator.builder(agent).concurrency(2).progress((r, d, total) -> {
            assertThat(total).isEqualTo(5);
            done.add(d);
        }).build().run(echoSuite(5));

        assertThat(done).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void measuresCompletionTokensCostAndTextOverlap() {
        var suite = echoSuite(4);
        Agent agent = request -> {
            String n = request.input().substring(4);
            if (n.equals("3")) {
                return new AgentResult("r", Status.BUDGET_EXHAUSTED, "", List.of(), new Usage(100, 0), "step budget");
            }
            return answer(n.equals("2") ? "two" : n, new Usage(1000, 500));
        };

        Metrics m = Evaluator.builder(agent).pricing(Price.perMillion("0.15", "0.60")).build().run(suite).metrics();

        assertThat(m.cases()).isEqualTo(4);
        assertThat(m.completionRate()).isEqualTo(0.75);
        assertThat(m.passRate()).isEqualTo(0.5);
        assertThat(m.usage()).isEqualTo(new Usage(3100, 1500));
        // 3100 input tokens at 0.15/M plus 1500 output tokens at 0.60/M
        assertThat(m.cost()).isEqualByComparingTo(new BigDecimal("0.001365"));
        assertThat(m.rougeL().orElseThrow()).isEqualTo(0.5);
        assertThat(m.checkPassRates()).containsEntry("exact", 0.5);
        assertThat(m.bleu()).isPresent();
    }

    @Test
    void anAgentThatThrowsFailsItsCaseNotTheSuite() {
        Agent agent = request -> {
            if (request.input().endsWith("1")) {
                throw new IllegalStateException("boom");
            }
            return answer(request.input().substring(4), Usage.ZERO);
        };

        SuiteResult result = Evaluator.builder(agent).build().run(echoSuite(3));

        assertThat(result.cases().get(1).status()).isEqualTo(Status.FAILED);
        assertThat(result.cases().get(1).reason()).contains("boom");
        assertThat(result.metrics().completionRate()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void endToEndWithARealLoopToolChecksAndJudge() {
        var suite = EvalSuite.parse("arith", new StringReader(
                "{\"id\":\"add\",\"input\":\"2+3?\",\"expected\":\"5\",\"checks\":[{\"type\":\"exact\"},"
                        + "{\"type\":\"tool_called\",\"tool\":\"add\",\"args\":{\"a\":2,\"b\":3}},"
                        + "{\"type\":\"judge\",\"rubric\":\"gives the sum\"}]}"));
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}").withUsage(30, 5), text("5").withUsage(40, 1));
        var agent = LlmAgent.builder().llm(llm).tools(new Calculator()).build();

        SuiteResult result = Evaluator.builder(agent).label("scripted")
                .judge(ScriptedLlm.of(text("{\"score\": 9, \"reason\": \"right\"}"))).build().run(suite);

        CaseResult c = result.cases().get(0);
        assertThat(c.passed()).isTrue();
        assertThat(c.steps()).isEqualTo(2);
        assertThat(c.usage().totalTokens()).isEqualTo(76);
        assertThat(c.checks()).extracting(CheckResult::check).containsExactly("exact", "tool_called", "judge");
        assertThat(result.metrics().judgeScore().orElseThrow()).isEqualTo(0.9);
        assertThat(result.metrics().bleu()).hasValue(0.0);  // a one-token answer has no 4-grams: unsmoothed BLEU-4 is 0
    }

    @Test
    void nearestRankPercentilesByHand() {
        List<Duration> ms = IntStream.rangeClosed(1, 10).mapToObj(Duration::ofMillis).toList();

        assertThat(Metrics.percentile(ms, 50)).isEqualTo(Duration.ofMillis(5));
        assertThat(Metrics.percentile(ms, 95)).isEqualTo(Duration.ofMillis(10));
        assertThat(Metrics.percentile(List.of(Duration.ofMillis(7)), 95)).isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void comparesTwoConfigurationsCaseByCase() {
        Agent right = request -> answer(request.input().substring(4), Usage.ZERO);
        Agent half = request -> answer(Integer.parseInt(request.input().substring(4)) % 2 == 0
                ? request.input().substring(4) : "?", Usage.ZERO);
        var suite = echoSuite(4);

        Comparison c = Comparison.of(Evaluator.builder(right).label("a").build().run(suite),
                Evaluator.builder(half).label("b").build().run(suite));

        assertThat(c.aWins()).isEqualTo(2);
        assertThat(c.bWins()).isZero();
        assertThat(c.cases()).extracting(Comparison.Pair::winner).containsExactly("tie", "a", "tie", "a");
    }
}
