package dev.praxis.spring;

import dev.praxis.agent.Agent;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.ResumableAgent;
import org.springframework.beans.factory.ObjectProvider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The application's agents by name: every {@link LlmAgent} bean. Read lazily, on first use, so
 * agent beans may depend on beans that depend on this registry. Thread-safe.
 */
public final class PraxisAgents {

    private final ObjectProvider<Agent> agents;
    private volatile Map<String, LlmAgent> byName;

    /** A registry over the agent beans {@code agents} provides. */
    public PraxisAgents(ObjectProvider<Agent> agents) {
        this.agents = Objects.requireNonNull(agents, "agents");
    }

    /** Every agent, by name, in bean order. */
    public Map<String, LlmAgent> all() {
        Map<String, LlmAgent> found = byName;
        if (found == null) {
            found = collect();
            byName = found;
        }
        return found;
    }

    /** The agent named {@code name}, which can resume runs. */
    public Optional<ResumableAgent> find(String name) {
        return Optional.ofNullable(all().get(name));
    }

    private Map<String, LlmAgent> collect() {
        Map<String, LlmAgent> found = new LinkedHashMap<>();
        List<Agent> beans = agents.orderedStream().toList();
        for (Agent agent : beans) {
            if (agent instanceof LlmAgent llmAgent) {
                LlmAgent clash = found.putIfAbsent(llmAgent.name(), llmAgent);
                if (clash != null && clash != llmAgent) {
                    throw new IllegalStateException("two agent beans are named '" + llmAgent.name()
                            + "': give each agent its own name (LlmAgent.Builder.name), so approvals reach the right one");
                }
            }
        }
        return Collections.unmodifiableMap(found);
    }
}
