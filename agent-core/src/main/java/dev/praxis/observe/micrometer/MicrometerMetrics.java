package dev.praxis.observe.micrometer;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Status;
import dev.praxis.agent.Step;
import dev.praxis.agent.Usage;
import dev.praxis.tool.ToolResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Micrometer metrics from a run's events, all tagged with the agent's name:
 * <ul>
 *   <li>{@code praxis.run.duration} timer, tag {@code status};</li>
 *   <li>{@code praxis.step.duration} timer (one sample per step);</li>
 *   <li>{@code praxis.model.duration} timer;</li>
 *   <li>{@code praxis.tool.duration} timer, tags {@code tool} and {@code outcome};</li>
 *   <li>{@code praxis.tokens} counter, tag {@code type} = {@code input} | {@code output};</li>
 *   <li>{@code praxis.cost} counter (in the pricing's currency), when {@link #pricedBy} is set;</li>
 *   <li>{@code praxis.errors} counter, tag {@code type}: {@code tool_failed}, {@code tool_denied},
 *       or a run status other than {@code COMPLETED} in lower case.</li>
 * </ul>
 *
 * <pre>{@code
 * LlmAgent.builder().llm(llm).listener(MicrometerMetrics.into(meterRegistry)).build();
 * }</pre>
 *
 * Thread-safe.
 */
public final class MicrometerMetrics implements AgentListener {

    private record Started(String agent, Timer.Sample sample) {
    }

    private final MeterRegistry registry;
    private final Function<Usage, BigDecimal> pricing;
    private final Map<String, Started> runs = new ConcurrentHashMap<>();

    private MicrometerMetrics(MeterRegistry registry, Function<Usage, BigDecimal> pricing) {
        this.registry = registry;
        this.pricing = pricing;
    }

    /** Metrics recorded into {@code registry}. */
    public static MicrometerMetrics into(MeterRegistry registry) {
        return new MicrometerMetrics(Objects.requireNonNull(registry, "registry"), null);
    }

    /** A new instance that also counts cost, computing each model call's cost with {@code pricing}. */
    public MicrometerMetrics pricedBy(Function<Usage, BigDecimal> pricing) {
        return new MicrometerMetrics(registry, Objects.requireNonNull(pricing, "pricing"));
    }

    @Override
    public void on(AgentEvent event) {
        if (event instanceof AgentEvent.RunStarted e) {
            runs.put(e.runId(), new Started(e.agent(), Timer.start(registry)));
        } else if (event instanceof AgentEvent.Resumed e) {
            runs.put(e.runId(), new Started(e.agent(), Timer.start(registry)));
        } else if (event instanceof AgentEvent.ModelCalled e) {
            String agent = agent(e.runId());
            registry.timer("praxis.model.duration", "agent", agent).record(e.latency());
            tokens(agent, e.usage());
        } else if (event instanceof AgentEvent.ToolFinished e) {
            toolFinished(agent(e.runId()), e);
        } else if (event instanceof AgentEvent.Completed e) {
            ended(e.result());
        } else if (event instanceof AgentEvent.Stopped e) {
            ended(e.result());
        }
    }

    private void toolFinished(String agent, AgentEvent.ToolFinished e) {
        String outcome = outcome(e.result());
        registry.timer("praxis.tool.duration", "agent", agent, "tool", e.call().name(), "outcome", outcome)
                .record(e.duration());
        if (e.result() instanceof ToolResult.Failed) {
            error(agent, "tool_failed");
        } else if (e.result() instanceof ToolResult.Denied) {
            error(agent, "tool_denied");
        }
    }

    private void tokens(String agent, Usage usage) {
        Counter.builder("praxis.tokens").tags("agent", agent, "type", "input").register(registry)
                .increment(usage.inputTokens());
        Counter.builder("praxis.tokens").tags("agent", agent, "type", "output").register(registry)
                .increment(usage.outputTokens());
        if (pricing != null) {
            BigDecimal cost = pricing.apply(usage);
            if (cost != null && cost.signum() > 0) {
                registry.counter("praxis.cost", "agent", agent).increment(cost.doubleValue());
            }
        }
    }

    private void ended(AgentResult result) {
        Started started = runs.remove(result.runId());
        String agent = started == null ? "unknown" : started.agent();
        String status = result.status().name().toLowerCase(Locale.ROOT);
        if (started != null) {
            started.sample().stop(registry.timer("praxis.run.duration", "agent", agent, "status", status));
        }
        Timer steps = registry.timer("praxis.step.duration", "agent", agent);
        for (Step step : result.steps()) {
            steps.record(step.duration());
        }
        if (result.status() != Status.COMPLETED) {
            error(agent, status);
        }
    }

    private void error(String agent, String type) {
        registry.counter("praxis.errors", "agent", agent, "type", type).increment();
    }

    private String agent(String runId) {
        Started started = runs.get(runId);
        return started == null ? "unknown" : started.agent();
    }

    private static String outcome(ToolResult result) {
        return result.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
