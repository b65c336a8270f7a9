package dev.praxis.agent;

import dev.praxis.guard.AnswerGuard;
import dev.praxis.guard.Containment;
import dev.praxis.knowledge.Retrieval;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.PriceTable;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.state.CheckpointStore;
import dev.praxis.tool.ApprovalHandler;
import dev.praxis.tool.Delegation;
import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.Toolbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Every setting of an {@link LlmAgent.Builder}, with its default. The builder validates what
 * goes in; {@link Assembly} turns the settings into the agent's collaborators. {@code null}
 * marks a setting that is absent (no model yet, no system prompt, no durable store, no
 * containment, no knowledge, no experience). Mutable and not thread-safe, like the builder that owns it; an agent keeps a
 * {@link #copy}.
 */
final class AgentSettings {

    String name = "agent";
    LlmClient llm;
    Toolbox toolbox = Toolbox.EMPTY;
    /** Names of the tools {@code tools(..)} added, which {@code toolbox(..)} must not drop. */
    List<String> toolsAdded = List.of();
    ConversationMemory memory = MessageWindowMemory.of(100);
    String systemPrompt;
    Budget budget = Budget.DEFAULT;
    AgentListener listener = AgentListener.NONE;
    Clock clock = Clock.systemUTC();
    PriceTable prices = PriceTable.NONE;
    int reservedOutputTokens;
    boolean streaming;
    boolean nativeStructuredOutput;
    Guardrails guardrails = Guardrails.NONE;
    CheckpointStore checkpoints;
    Duration approvalTimeout = Duration.ofHours(24);
    int maxDelegationDepth = Delegation.DEFAULT_MAX_DEPTH;
    Containment containment;
    AnswerGuard answers;
    ApprovalHandler approver;
    List<ToolInterceptor> toolInterceptors = List.of();
    Set<String> inlineCalls = Set.of();
    int maxRepeatedCalls = 3;
    boolean finalAnswer = true;
    Retrieval knowledge;
    ExperienceLoop experience;

    /** A copy of every setting; {@code LlmAgentBuilderTest} checks that no field is left out. */
    AgentSettings copy() {
        AgentSettings copy = new AgentSettings();
        copy.name = name;
        copy.llm = llm;
        copy.toolbox = toolbox;
        copy.toolsAdded = toolsAdded;
        copy.memory = memory;
        copy.systemPrompt = systemPrompt;
        copy.budget = budget;
        copy.listener = listener;
        copy.clock = clock;
        copy.prices = prices;
        copy.reservedOutputTokens = reservedOutputTokens;
        copy.streaming = streaming;
        copy.nativeStructuredOutput = nativeStructuredOutput;
        copy.guardrails = guardrails;
        copy.checkpoints = checkpoints;
        copy.approvalTimeout = approvalTimeout;
        copy.maxDelegationDepth = maxDelegationDepth;
        copy.containment = containment;
        copy.answers = answers;
        copy.approver = approver;
        copy.toolInterceptors = toolInterceptors;
        copy.inlineCalls = inlineCalls;
        copy.maxRepeatedCalls = maxRepeatedCalls;
        copy.finalAnswer = finalAnswer;
        copy.knowledge = knowledge;
        copy.experience = experience;
        return copy;
    }
}
