package dev.praxis.env;

import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentResult;

import java.util.Objects;
import java.util.Optional;

/**
 * A text policy backed by a whole {@link Agent}: the observation (with optional examples from
 * experience) is the agent's input, its final answer is the action, and its steps, tool calls
 * included, become the decision's messages. Suits a {@link TaskEnvironment}.
 *
 * <pre>{@code
 * var policy = new AgentPolicy(agent).withExperience(ExperienceReplay.from(store));
 * Trajectory t = Rollout.of(taskEnv, policy).play(0);
 * }</pre>
 *
 * <p>A run that ends without an answer yields the empty action, which a checker fails.
 */
public final class AgentPolicy implements Policy<String, String> {

    private final Agent agent;
    private final Optional<ExperienceReplay> experience;

    /** A policy that passes observations to {@code agent} unchanged. */
    public AgentPolicy(Agent agent) {
        this(agent, Optional.empty());
    }

    private AgentPolicy(Agent agent, Optional<ExperienceReplay> experience) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.experience = experience;
    }

    /** This policy, prefixing each input with worked examples from {@code replay}. */
    public AgentPolicy withExperience(ExperienceReplay replay) {
        return new AgentPolicy(agent, Optional.of(replay));
    }

    @Override
    public Decision<String> decide(String observation) {
        String input = experience.map(e -> e.examplesFor(observation)).orElse("") + observation;
        AgentResult result = agent.run(input);
        String action = result.completed() ? result.output() : "";
        return new Decision<>(action, AgentTranscript.conversation(input, result), result.usage());
    }
}
