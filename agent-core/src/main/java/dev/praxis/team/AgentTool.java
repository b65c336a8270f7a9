package dev.praxis.team;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.memory.Untrusted;
import dev.praxis.tool.Delegation;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * An agent offered to another agent as a tool: the model calls it with a {@code task} and
 * receives the agent's answer, or a failure that says how the agent ended.
 *
 * <pre>{@code
 * Agent lead = LlmAgent.builder().llm(llm)
 *         .tools(AgentTool.of(Member.of("researcher", "Finds facts with sources", researcher)))
 *         .build();
 * }</pre>
 *
 * <p>Its side-effect class is the strongest of the inner agent's tools when that is an
 * {@link LlmAgent} ({@code READ_ONLY} without tools), else {@link SideEffect#EXTERNAL}.
 *
 * <p>The inner agent runs as delegated by the calling run ({@link ToolContext#delegation()}),
 * so agents that call one another, or themselves, stop at the depth limit: a call that would
 * go deeper is refused with a reason naming the chain, and the whole tree of runs ends.
 *
 * <p>An answer made from untrusted content ({@link AgentResult#untrusted()}) comes back under an
 * {@link Untrusted#header} line per source, so the calling run is gated like the inner run, even
 * when its containment trusts this tool.
 */
public final class AgentTool implements Tool {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ToolSpecification spec;
    private final SideEffect sideEffect;
    private final BiFunction<String, Delegation, AgentResult> runner;

    private AgentTool(Member member, BiFunction<String, Delegation, AgentResult> runner) {
        this.spec = ToolSpecification.builder()
                .name(member.name())
                .description(member.description())
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("task", "The sub-task for " + member.name() + ", self-contained")
                        .required("task")
                        .build())
                .build();
        this.sideEffect = sideEffectOf(member);
        this.runner = runner;
    }

    /** The member as a tool, running with its own budget (or its agent's default). */
    public static AgentTool of(Member member) {
        Objects.requireNonNull(member, "member");
        return new AgentTool(member, (task, callers) -> member.agent().run(member.ownBudget()
                .map(b -> AgentRequest.of(task).withBudget(b)).orElse(AgentRequest.of(task)).delegatedBy(callers)));
    }

    /** The member as a tool whose runs are charged to {@code run}. */
    static AgentTool within(Member member, TeamRun run) {
        return new AgentTool(member, (task, callers) -> run.runDelegated(member, task, callers));
    }

    @Override
    public ToolSpecification spec() {
        return spec;
    }

    @Override
    public SideEffect sideEffect() {
        return sideEffect;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        String task;
        try {
            JsonNode task0 = JSON.readTree(call.arguments()).path("task");
            if (!task0.isTextual() || task0.asText().isBlank()) {
                return ToolResult.failed("argument 'task' must be a non-empty string, e.g. {\"task\": \"...\"}");
            }
            task = task0.asText();
        } catch (JsonProcessingException e) {
            return ToolResult.failed("arguments are not valid JSON: " + e.getOriginalMessage());
        }
        Delegation callers = context.delegation();
        if (callers.full()) {
            return new ToolResult.Failed(callers.refuse(spec.name()), false);
        }
        AgentResult result = runner.apply(task, callers);
        if (result.status() == Status.COMPLETED) {
            return ToolResult.ok(marked(result) + result.output());
        }
        return new ToolResult.Failed(marked(result) + "agent '" + spec.name() + "' ended " + result.status() + ": "
                + result.reason() + (result.output().isBlank() ? "" : "; its last text: " + result.output()),
                result.status() == Status.BUDGET_EXHAUSTED && callers.stopped().isEmpty());
    }

    /**
     * The provenance marks of an answer made from untrusted content, one line per source, so the
     * calling run carries them in its transcript (and memory) even when it trusts this tool.
     */
    private String marked(AgentResult result) {
        StringBuilder marks = new StringBuilder();
        for (String source : result.untrusted()) {
            marks.append(Untrusted.header("agent '" + spec.name() + "', which read " + source)).append('\n');
        }
        return marks.toString();
    }

    private static SideEffect sideEffectOf(Member member) {
        if (!(member.agent() instanceof LlmAgent agent)) {
            return SideEffect.EXTERNAL;
        }
        return agent.toolbox().tools().stream().map(Tool::sideEffect)
                .max(Enum::compareTo).orElse(SideEffect.READ_ONLY);
    }
}
