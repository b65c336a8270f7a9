package dev.praxis.observe.micrometer;

import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import dev.praxis.tool.Tool;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

class MicrometerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static final Tool OK = TestTools.named("lookup").returns("found");
    private static final Tool BROKEN = TestTools.named("broken").fails("down");

    private LlmAgent agent(ScriptedLlm llm, MicrometerMetrics metrics) {
        return LlmAgent.builder().name("helper").llm(llm).tools(OK, BROKEN).listener(metrics).build();
    }

    @Test
    void recordsRunStepModelAndToolTimersAndTokens() {
        var llm = ScriptedLlm.of(toolCalls(call("lookup", "{}"), call("broken", "{}")).withUsage(100, 10),
                text("done").withUsage(150, 20));

        agent(llm, MicrometerMetrics.into(registry)).run("go");

        assertThat(registry.get("praxis.run.duration").tags("agent", "helper", "status", "completed").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("praxis.step.duration").tag("agent", "helper").timer().count()).isEqualTo(2);
        assertThat(registry.get("praxis.model.duration").tag("agent", "helper").timer().count()).isEqualTo(2);
        assertThat(registry.get("praxis.tool.duration").tags("tool", "lookup", "outcome", "ok").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("praxis.tool.duration").tags("tool", "broken", "outcome", "failed").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("praxis.tokens").tags("agent", "helper", "type", "input").counter().count())
                .isEqualTo(250);
        assertThat(registry.get("praxis.tokens").tags("type", "output").counter().count()).isEqualTo(30);
        assertThat(registry.get("praxis.errors").tags("type", "tool_failed").counter().count()).isEqualTo(1);
        assertThat(registry.find("praxis.cost").counter()).isNull();
    }

    @Test
    void countsStoppedRunsAsErrorsByStatus() {
        var llm = ScriptedLlm.of(toolCall("lookup", "{}"));

        LlmAgent.builder().name("helper").llm(llm).tools(OK).budget(Budget.DEFAULT.withMaxSteps(1))
                .listener(MicrometerMetrics.into(registry)).build().run("go");

        assertThat(registry.get("praxis.errors").tags("type", "budget_exhausted").counter().count()).isEqualTo(1);
        assertThat(registry.get("praxis.run.duration").tags("status", "budget_exhausted").timer().count()).isEqualTo(1);
    }

    @Test
    void countsCostWhenPriced() {
        var llm = ScriptedLlm.of(text("a").withUsage(1_000, 500));
        MicrometerMetrics metrics = MicrometerMetrics.into(registry)
                .pricedBy(u -> BigDecimal.valueOf(u.inputTokens()).multiply(new BigDecimal("0.000002"))
                        .add(BigDecimal.valueOf(u.outputTokens()).multiply(new BigDecimal("0.000008"))));

        agent(llm, metrics).run("go");

        assertThat(registry.get("praxis.cost").tag("agent", "helper").counter().count()).isEqualTo(0.006);
    }
}
