package dev.praxis.team;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.agent.Step;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.Tools;
import dev.praxis.content.Parts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Agents that pass the conversation to each other. Each member gets a
 * {@code transfer_to_<member>} tool for every other member; when it calls one, its turn ends
 * at once (no further model call) and the target continues the same conversation, seeing
 * everything said so far, with the transfer note as its input. The team answers with the
 * first member that answers without transferring. At most {@code maxHandoffs} transfers
 * happen in one run.
 *
 * <p>All members share one conversation memory, in the request's session or, without one,
 * in a session private to the run. Members must be {@link LlmAgent}s, rebuilt with
 * {@link LlmAgent#toBuilder()} to add the transfer tools and the shared memory.
 *
 * <pre>{@code
 * Team desk = Handoff.builder("desk")
 *         .member("triage", "Greets and routes", triage)
 *         .member("billing", "Invoices and refunds", billing)
 *         .build();
 * }</pre>
 */
public final class Handoff extends ConfiguredTeam {

    /** Prefix of the transfer tools' names. */
    public static final String TRANSFER = "transfer_to_";

    private final Map<String, Member> members;
    private final ConversationMemory memory;
    private final int maxHandoffs;

    private Handoff(Builder b) {
        super(b.setup);
        this.memory = b.memory;
        List<Member> declared = Sequence.requireUniqueNames(b.declared);
        Map<String, Member> built = new LinkedHashMap<>();
        for (Member member : declared) {
            LlmAgent agent = (LlmAgent) member.agent();
            LlmAgent rebuilt = agent.toBuilder()
                    .llm(stopAfterTransfer(agent.llm()))
                    .memory(memory)
                    .tools(transferTools(member, declared).toArray())
                    .build();
            built.put(member.name(), new Member(member.name(), member.description(), rebuilt, member.budget()));
        }
        this.members = built;
        this.maxHandoffs = b.maxHandoffs;
    }

    /** Starts a hand-off team called {@code name}; the first member added starts every run. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public TeamResult runTeam(AgentRequest request) {
        TeamRun run = setup.newRun(request);
        MemoryScope scope = request.scope().orElseGet(() -> request.owner()
                .map(o -> new MemoryScope(o.tenant(), o.user(), MemoryScope.DEFAULT, "handoff-" + run.runId))
                .orElse(MemoryScope.session("handoff-" + run.runId)));
        Member current = members.values().iterator().next();
        String input = request.input();
        for (int handoffs = 0; ; handoffs++) {
            AgentResult result = run.runMember(current, input, scope);
            if (result.status() != Status.COMPLETED) {
                return run.failedBy(current.name(), result);
            }
            Optional<ToolCall> transfer = transferOf(result);
            if (transfer.isEmpty()) {
                return run.answeredBy(result, "final answer by '" + current.name() + "'");
            }
            if (handoffs == maxHandoffs) {
                return run.finish(Status.BUDGET_EXHAUSTED, result.output(), "hand-off limit of " + maxHandoffs
                        + " reached; '" + current.name() + "' tried to transfer again");
            }
            String from = current.name();
            current = members.get(transfer.get().name().substring(TRANSFER.length()));
            input = "(Conversation transferred to you from " + from + ". Note: " + noteOf(transfer.get()) + ")";
        }
    }

    @Override
    MermaidDiagram.Ports describe(MermaidDiagram diagram) {
        Map<String, MermaidDiagram.Ports> ports = new LinkedHashMap<>();
        members.values().forEach(m -> ports.put(m.name(), diagram.member(m)));
        List<String> names = List.copyOf(ports.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                if (i != j) {
                    diagram.edge(ports.get(names.get(i)).out(), ports.get(names.get(j)).in(), "hand-off", true);
                }
            }
        }
        MermaidDiagram.Ports first = ports.get(names.get(0));
        return new MermaidDiagram.Ports(first.in(), first.out());
    }

    private static Optional<ToolCall> transferOf(AgentResult result) {
        List<Step> steps = result.steps();
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        for (int i = steps.size() - 1; i >= 0; i--) {
            Optional<ToolCall> transfer = steps.get(i).calls().stream()
                    .filter(c -> c.name().startsWith(TRANSFER)).findFirst();
            if (transfer.isPresent()) {
                return i == steps.size() - 2 ? transfer : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String noteOf(ToolCall call) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(call.arguments()).path("note").asText("");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "";
        }
    }

    private static List<Tool> transferTools(Member self, List<Member> all) {
        List<Tool> tools = new ArrayList<>();
        for (Member target : all) {
            if (target.name().equals(self.name())) {
                continue;
            }
            JsonObjectSchema schema = JsonObjectSchema.builder()
                    .addStringProperty("note", "What " + target.name() + " needs to know to continue")
                    .required("note").build();
            tools.add(Tools.of(TRANSFER + target.name(), "Hand the conversation to " + target.name() + ": "
                    + target.description(), schema, SideEffect.READ_ONLY,
                    args -> "Transferred to " + target.name() + "."));
        }
        return tools;
    }

    /**
     * Ends a member's turn right after it transferred: instead of asking the model again, answer
     * for it that the conversation was handed over.
     */
    private static LlmClient stopAfterTransfer(LlmClient llm) {
        return request -> {
            List<ChatMessage> messages = request.messages();
            for (int i = messages.size() - 1; i >= 0 && messages.get(i) instanceof ToolExecutionResultMessage r; i--) {
                if (r.toolName() != null && r.toolName().startsWith(TRANSFER)) {
                    return ChatResponse.builder().aiMessage(AiMessage.from(Parts.text(r.contents())))
                            .finishReason(FinishReason.STOP).build();
                }
            }
            return llm.chat(request);
        };
    }

    /** Configures a {@link Handoff}. Not thread-safe. */
    public static final class Builder extends TeamBuilder<Builder> {
        private final List<Member> declared = new ArrayList<>();
        private ConversationMemory memory = MessageWindowMemory.of(200);
        private int maxHandoffs = 5;

        private Builder(String name) {
            super(name);
        }

        /** Adds a member; the first one added starts every run. */
        public Builder member(String memberName, String description, LlmAgent agent) {
            declared.add(Member.of(memberName, description, agent));
            return this;
        }

        /** Adds a member with its own budget per turn. */
        public Builder member(String memberName, String description, LlmAgent agent, Budget memberBudget) {
            declared.add(Member.of(memberName, description, agent).withBudget(memberBudget));
            return this;
        }

        /** The conversation memory all members share; default a 200-message window in memory. */
        public Builder memory(ConversationMemory shared) {
            this.memory = Objects.requireNonNull(shared, "shared");
            return this;
        }

        /** The most transfers in one run; default 5. */
        public Builder maxHandoffs(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("maxHandoffs must not be negative, got " + limit);
            }
            this.maxHandoffs = limit;
            return this;
        }

        /** Builds the team; throws if it has no members or two share a name. */
        public Handoff build() {
            return new Handoff(this);
        }
    }
}
