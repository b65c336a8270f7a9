package dev.praxis.eval;

import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.Price;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs an eval suite against an agent: each case's input goes to the agent, its answer through
 * the case's checks, and the results into {@link Metrics}. Cases run in parallel, at most
 * {@code concurrency} at a time; results keep suite order.
 *
 * <pre>{@code
 * SuiteResult result = Evaluator.builder(agent).label("baseline").concurrency(4)
 *         .judge(judgeLlm).pricing(Price.perMillion("0.15", "0.60")).build()
 *         .run(EvalSuite.read(Path.of("suite.jsonl")));
 * Files.writeString(Path.of("report.html"), HtmlReport.render(result));
 * }</pre>
 *
 * <p>An agent that throws counts as a {@code FAILED} case with the error as its reason; the
 * suite goes on. Thread-safe: one evaluator may run several suites, one after another or at once.
 */
public final class Evaluator {

    private static final Logger log = LoggerFactory.getLogger(Evaluator.class);

    private final Agent agent;
    private final String label;
    private final int concurrency;
    private final Optional<LlmClient> judge;
    private final Price pricing;
    private final EvalProgress progress;
    private final Clock clock;

    private Evaluator(Builder b) {
        this.agent = b.agent;
        this.label = b.label;
        this.concurrency = b.concurrency;
        this.judge = Optional.ofNullable(b.judge);
        this.pricing = b.pricing;
        this.progress = b.progress;
        this.clock = b.clock;
    }

    /** Starts configuring an evaluator of {@code agent}. */
    public static Builder builder(Agent agent) {
        return new Builder(Objects.requireNonNull(agent, "agent"));
    }

    /**
     * Runs every case of {@code suite}.
     *
     * @throws CancellationException if the calling thread is interrupted while waiting
     */
    public SuiteResult run(EvalSuite suite) {
        Instant startedAt = clock.instant();
        List<EvalCase> cases = suite.cases();
        int[] done = {0};
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, cases.size()), runnable -> {
            Thread thread = new Thread(runnable, "praxis-eval");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<CaseResult>> futures = new ArrayList<>(cases.size());
            for (EvalCase c : cases) {
                futures.add(pool.submit(() -> {
                    CaseResult result = runCase(c);
                    synchronized (done) {
                        progress.caseFinished(result, ++done[0], cases.size());
                    }
                    return result;
                }));
            }
            List<CaseResult> results = new ArrayList<>(cases.size());
            for (Future<CaseResult> future : futures) {
                results.add(future.get());
            }
            return new SuiteResult(suite.name(), label, startedAt, results, Metrics.of(results));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("evaluation of suite '" + suite.name() + "' was interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluation of suite '" + suite.name() + "' failed: " + e.getCause(),
                    e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    CaseResult runCase(EvalCase c) {
        Instant start = clock.instant();
        AgentResult result;
        try {
            result = agent.run(c.input());
        } catch (RuntimeException e) {
            log.warn("agent threw on eval case {}", c.id(), e);
            Duration took = Duration.between(start, clock.instant());
            return new CaseResult(c.id(), c.input(), c.references(), "", Status.FAILED, "agent threw: " + e,
                    List.of(), took, 0, Usage.ZERO, BigDecimal.ZERO);
        }
        Duration took = Duration.between(start, clock.instant());
        Answer answer = new Answer(c, result);
        List<CheckResult> checks = c.checks().stream().map(check -> check.check(answer, judge)).toList();
        return new CaseResult(c.id(), c.input(), c.references(), result.output(), result.status(), result.reason(),
                checks, took, result.steps().size(), result.usage(), pricing.cost(result.usage().inputTokens(), 0, result.usage().outputTokens()));
    }

    /** Configures an {@link Evaluator}. */
    public static final class Builder {
        private final Agent agent;
        private String label = "agent";
        private int concurrency = 4;
        private LlmClient judge;
        private Price pricing = Price.FREE;
        private EvalProgress progress = EvalProgress.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder(Agent agent) {
            this.agent = agent;
        }

        /** The configuration's name in reports; default {@code "agent"}. */
        public Builder label(String label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /** Cases run at once (default 4, at least 1). */
        public Builder concurrency(int cases) {
            if (cases < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + cases);
            }
            this.concurrency = cases;
            return this;
        }

        /** The model that grades {@code judge} checks. */
        public Builder judge(LlmClient llm) {
            this.judge = Objects.requireNonNull(llm, "llm");
            return this;
        }

        /** Token prices for the cost metric (the same {@link Price} agents use); default free. */
        public Builder pricing(Price pricing) {
            this.pricing = Objects.requireNonNull(pricing, "pricing");
            return this;
        }

        /** Receives each finished case (e.g. to drive a progress bar). */
        public Builder progress(EvalProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** The clock for latencies; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the evaluator. */
        public Evaluator build() {
            return new Evaluator(this);
        }
    }
}
