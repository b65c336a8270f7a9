package dev.praxis.agent;

import dev.praxis.llm.Deadline;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.StubbornTool;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A tool call's deadline is the smaller of the tool's own timeout and the time the run has
 * left: a run never waits for a tool past its own {@code maxTime}, even for a tool that
 * ignores interrupts, and a run that runs out of time inside a tool ends BUDGET_EXHAUSTED.
 */
class ToolDeadlineTest {

    /**
     * The run's time budget. The toolbox waits for a tool this long in real time (deadlines are
     * real time); the run's own clock is a {@link MutableClock}, so only the tool's start counts.
     */
    private static final Duration BUDGET = Duration.ofSeconds(2);

    /** Runs when the crawl starts: a test moves its run's clock here, so no time passes before. */
    private volatile Runnable onStart = () -> { };
    /** A crawler that works until released and ignores every interrupt on the way. */
    private final StubbornTool crawl = StubbornTool.named("crawl", SideEffect.READ_ONLY, () -> onStart.run(), () -> { });

    @AfterEach
    void releaseTheTool() {
        crawl.release();
    }

    @Test
    void aToolThatOutlivesTheRunIsAbandonedAtTheRunsDeadlineAndTheRunEndsBudgetExhausted() {
        var llm = ScriptedLlm.of(toolCall("crawl", "{}"), text("crawled everything"));
        List<AgentEvent> events = new CopyOnWriteArrayList<>();
        // the run's clock stands still until the crawl starts, then its whole budget has passed: however
        // slowly a loaded machine gets the run to the tool, the tool starts with the run's time left
        MutableClock clock = new MutableClock();
        onStart = () -> clock.advance(BUDGET);
        LlmAgent agent = LlmAgent.builder().llm(llm).tools(crawl).listener(events::add).clock(clock)
                .budget(Budget.DEFAULT.withMaxTime(BUDGET)).build(); // the tool's own timeout: 60 s

        AgentResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> agent.run("crawl the web"));
        boolean toolStillRunning = !crawl.returned();

        assertThat(toolStillRunning).as("the run returned while the tool was still running").isTrue();
        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).startsWith("time budget exhausted").contains("while tool 'crawl' ran")
                .contains("not interrupted");
        assertThat(llm.requests()).as("the model is not asked again after the time ran out").hasSize(1);
        assertThat(events).filteredOn(AgentEvent.ToolAbandoned.class::isInstance).singleElement()
                .extracting(e -> ((AgentEvent.ToolAbandoned) e).reason()).asString()
                .contains("tool 'crawl' was still running when the run's time budget ran out")
                .contains("abandoned (not interrupted)");
        assertThat(events.get(events.size() - 1)).isInstanceOf(AgentEvent.Stopped.class);
        assertThat(crawl.interrupted()).isFalse();
    }

    @Test
    void theToolSeesTheRunsDeadlineInItsContextAndBoundToItsThread() {
        var llm = ScriptedLlm.of(toolCall("crawl", "{}"), text("done"));
        LlmAgent agent = LlmAgent.builder().llm(llm).tools(crawl)
                .budget(Budget.DEFAULT.withMaxTime(Duration.ofSeconds(30))).build();
        crawl.release();

        AgentResult result = agent.run("crawl the web");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        Deadline deadline = crawl.context().deadline();
        assertThat(deadline.what()).isEqualTo("the run's time budget");
        assertThat(deadline.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(crawl.boundDeadline()).as("model calls a tool makes end with the run").isSameAs(deadline);
    }

    @Test
    void aToolsOwnShorterTimeoutStillWinsAndTheRunGoesOn() {
        var llm = ScriptedLlm.of(toolCall("crawl", "{}"), text("the crawl timed out"));
        Toolbox toolbox = Toolbox.of(crawl).withTimeout("crawl", Duration.ofMillis(100));
        LlmAgent agent = LlmAgent.builder().llm(llm).toolbox(toolbox)
                .budget(Budget.DEFAULT.withMaxTime(Duration.ofSeconds(30))).build();

        AgentResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> agent.run("crawl the web"));

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.steps().get(0).results().get(0).text()).contains("did not finish within 100 ms");
    }

    @Test
    void aRunInsideAToolCallEndsWithTheOuterRun() {
        LlmAgent helper = LlmAgent.builder().name("helper").llm(ScriptedLlm.of(toolCall("crawl", "{}"), text("done")))
                .tools(crawl).budget(Budget.DEFAULT.withMaxTime(Duration.ofSeconds(30))).build();
        AtomicReference<ToolContext> outer = new AtomicReference<>();
        MutableClock outerClock = new MutableClock();
        Tool askHelper = TestTools.named("ask_helper").description("asks the helper").answers((args, context) -> {
            outer.set(context);
            outerClock.advance(BUDGET);
            return helper.run("crawl the web").output();
        });
        LlmAgent agent = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("ask_helper", "{}"), text("done")))
                .tools(askHelper).clock(outerClock).budget(Budget.DEFAULT.withMaxTime(BUDGET)).build();

        AgentResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> agent.run("get help"));

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(crawl.context().deadline()).as("the helper's tool ends with the outer run")
                .isSameAs(outer.get().deadline());
    }

    @Test
    void outsideARunAToolHasNoDeadline() {
        assertThat(ToolContext.NONE.deadline()).isSameAs(Deadline.NONE);
        assertThat(Deadline.NONE.expired()).isFalse();
        assertThat(Deadline.NONE.call(Deadline::current)).isEmpty();
    }
}
