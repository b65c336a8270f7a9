package dev.praxis.agent;

import dev.langchain4j.data.message.SystemMessage;
import dev.praxis.guard.AnswerGuard;
import dev.praxis.guard.Containment;
import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.Toolbox;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link LlmAgent}'s collaborators, made once from its {@link AgentSettings}: the toolbox
 * with the agent's knowledge tool and tool interceptors, the system prompt, the guard, the
 * grounding, checkpoints and the loop.
 * Containment is applied here and only here: its gate joins the toolbox's chain after the
 * toolbox's own gates (so before approval and the deadline), it joins the guardrails last with
 * its answer guard (so it marks tool results after every other tool-result guardrail), and adds
 * its note and canary to the system prompt. Immutable and thread-safe.
 */
final class Assembly {

    final Toolbox toolbox;
    /** The settings' listener, followed by the experience loop when the agent learns from experience. */
    final AgentListener listener;
    final Grounding grounding;
    final Optional<String> systemPrompt;
    // the system prompt as a message, made once; null without one (a blank one is made per run, which fails there)
    private final SystemMessage systemMessage;
    final RunGuard guard;
    final Checkpoints checkpoints;
    final Approvals approvals;
    final RunLoop loop;

    /** @throws NullPointerException if the settings have no model */
    Assembly(AgentSettings s) {
        Objects.requireNonNull(s.llm, "LlmAgent needs a model: call builder().llm(...)");
        this.checkpoints = new Checkpoints(Optional.ofNullable(s.checkpoints), s.approvalTimeout, s.clock);
        this.approvals = new Approvals(checkpoints, s.clock);
        this.listener = s.experience == null ? s.listener
                : s.listener == AgentListener.NONE ? s.experience : AgentListener.all(List.of(s.listener, s.experience));
        this.grounding = new Grounding(s.knowledge);
        this.toolbox = toolbox(s, grounding);
        AnswerGuard answers = s.containment == null ? null
                : Objects.requireNonNullElseGet(s.answers, AnswerGuard::create)
                        .protecting(Objects.requireNonNullElse(s.systemPrompt, ""));
        this.systemPrompt = s.containment == null ? Optional.ofNullable(s.systemPrompt)
                : Optional.of((s.systemPrompt == null ? "" : s.systemPrompt + "\n\n") + Containment.SYSTEM_PROMPT_NOTE
                        + "\n" + answers.canaryLine());
        this.systemMessage = systemPrompt.filter(prompt -> !prompt.isBlank()).map(SystemMessage::from).orElse(null);
        Guardrails guardrails = s.containment == null ? s.guardrails
                : s.guardrails.plus(List.of(s.containment, answers));
        this.guard = new RunGuard(s.name, guardrails);
        this.loop = new RunLoop(toolbox, listener, s.clock,
                new ModelCall(s.llm, s.prices, s.streaming, listener, guard), guard, checkpoints,
                new CostCheck(s.prices, s.reservedOutputTokens), new RunEnd(s.name, listener, guard, checkpoints),
                new Repeats(s.maxRepeatedCalls), s.finalAnswer);
    }

    /**
     * The settings' toolbox with the knowledge tool (if any) and the agent's interceptors, and
     * containment's gate when containment is on.
     */
    private static Toolbox toolbox(AgentSettings s, Grounding grounding) {
        Toolbox tools = grounding.tool().map(t -> s.toolbox.plus(List.of(t))).orElse(s.toolbox);
        for (ToolInterceptor interceptor : s.toolInterceptors) {
            tools = tools.withInterceptor(interceptor);
        }
        if (!s.inlineCalls.isEmpty()) {
            tools = tools.withInlineCalls(s.inlineCalls.toArray(String[]::new));
        }
        if (s.containment == null) {
            return tools;
        }
        if (s.approver != null) {
            tools = tools.withApproval(tools.approvalPolicy(), s.approver);
        }
        return tools.withGate(s.containment.gate(tools.approvalHandler(), s.memory));
    }

    /** {@code prompt} as the system message of a run, null for none; the agent's own is made once. */
    SystemMessage systemMessage(Optional<String> prompt) {
        if (prompt == systemPrompt && systemMessage != null) {
            return systemMessage;
        }
        return prompt.map(SystemMessage::from).orElse(null);
    }
}
