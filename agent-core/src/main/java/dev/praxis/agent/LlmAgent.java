package dev.praxis.agent;

import dev.praxis.guard.AnswerGuard;
import dev.praxis.guard.Containment;
import dev.praxis.guard.GuardDecision;
import dev.praxis.guard.Guardrail;
import dev.praxis.knowledge.Retrieval;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.PriceTable;
import dev.praxis.llm.output.OutputSchema;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.PendingApproval;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalHandler;
import dev.praxis.tool.Delegation;
import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The perceive–reason–act loop: ask the model, run the tools it asks for, feed the results
 * back, until it answers or a budget runs out.
 *
 * <pre>{@code
 * Agent agent = LlmAgent.builder()
 *         .llm(LlmClient.of(chatModel))
 *         .tools(new Calculator())
 *         .systemPrompt("You are a careful assistant.")
 *         .build();
 * AgentResult result = agent.run("What is 2+3?");
 * }</pre>
 *
 * <p>Thread-safe: one instance serves any number of concurrent runs; each run's state lives
 * in its own {@code Run}. {@link #run} never throws for model, tool or budget failures.
 */
public final class LlmAgent implements ResumableAgent {

    private final AgentSettings settings;
    private final Assembly parts;
    private final Resumption resumption;

    private LlmAgent(Builder b) {
        this.settings = b.settings.copy();
        this.parts = new Assembly(settings);
        this.resumption = new Resumption(settings, parts);
    }

    /** Starts building an agent; only {@link Builder#llm} is required. */
    public static Builder builder() {
        return new Builder(new AgentSettings());
    }

    /** The agent's name, as in its events. */
    public String name() {
        return settings.name;
    }

    /** The tools this agent offers the model. */
    public Toolbox toolbox() {
        return parts.toolbox;
    }

    /** The model this agent calls. */
    public LlmClient llm() {
        return settings.llm;
    }

    /** The budget of runs that do not bring their own. */
    public Budget budget() {
        return settings.budget;
    }

    /**
     * A builder preset with everything this agent was built with, for a variant of it (teams
     * use this to add hand-off tools or share memory). The agent itself is unchanged.
     */
    public Builder toBuilder() {
        return new Builder(settings.copy());
    }

    /**
     * Runs {@code task} and returns the answer as a {@code type} (usually a record): the JSON
     * schema derived from the type goes out with the task, and, when the builder enabled
     * {@link Builder#nativeStructuredOutput}, as the provider's native response format too.
     * An answer that does not parse or validate is repaired inside the same run: the exact
     * error goes back to the model in a turn without tools, on the run's budget, up to 3
     * answers in all. Tools never run again for a repair.
     *
     * <pre>{@code
     * record Weather(String city, double celsius) {}
     * Weather w = agent.run("Weather in Oslo? Use the tool.", Weather.class);
     * }</pre>
     *
     * @throws StructuredOutputException with the raw answer when no attempt gives a valid value
     */
    public <T> T run(String task, Class<T> type) {
        return run(AgentRequest.of(task), type);
    }

    /**
     * {@link #run(String, Class)} for a full request: in a session, on behalf of a person, with
     * its own budget or attachments.
     *
     * @throws StructuredOutputException with the raw answer when no attempt gives a valid value
     */
    public <T> T run(AgentRequest request, Class<T> type) {
        OutputSchema<T> schema = OutputSchema.of(type);
        LlmAgent target = settings.nativeStructuredOutput
                ? toBuilder().llm(settings.llm.with(schema.nativeFormat())).build() : this;
        return target.run(request, new TypedAnswer<>(schema, 3));
    }

    /** One typed run; see {@link #run(AgentRequest, Class)}. */
    <T> T run(AgentRequest request, TypedAnswer<T> typed) {
        return typed.value(start(request.withInput(typed.task(request.input())), typed));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Never throws for what happens inside the run: a failure of the model, a tool, a
     * listener, conversation memory or the checkpoint store, {@code Error}s included, ends it
     * {@link Status#FAILED} with the cause in the reason (a durable run is stored as ended
     * FAILED too). The one exception is a {@link VirtualMachineError} other than
     * {@link StackOverflowError} (e.g. an {@link OutOfMemoryError}), after which the JVM is in
     * doubt: it is treated like the process dying there. Nothing more is written or told
     * (a durable run stays RUNNING at its last checkpoint, to be resumed like after a crash) and
     * the error is thrown on.
     */
    @Override
    public AgentResult run(AgentRequest request) {
        return start(request, TypedAnswer.ANY);
    }

    private AgentResult start(AgentRequest request, TypedAnswer<?> typed) {
        GuardDecision input = parts.guard.input(request.input());
        ExperienceLoop experience = settings.experience;
        boolean recalls = experience != null && !(input instanceof GuardDecision.Trip);
        AgentRequest admitted = recalls ? withRunId(RunGuard.admitted(request, input))
                : RunGuard.admitted(request, input);
        Optional<String> prompt = recalls ? experience.systemPrompt(settings.name, admitted, parts.systemPrompt)
                : parts.systemPrompt;
        Run run = new Run(settings.name, admitted, request.budget().orElse(settings.budget), settings.memory,
                parts.systemMessage(prompt),
                parts.listener, settings.clock, settings.maxDelegationDepth, parts.grounding);
        run.expect(typed);
        return parts.loop.loop(run, () -> {
            if (parts.listener != AgentListener.NONE) {
                parts.listener.on(new AgentEvent.RunStarted(run.runId, settings.name, run.session(), admitted.input()));
            }
            if (input instanceof GuardDecision.Trip trip) {
                return Next.stop(Status.GUARDRAIL_TRIPPED, "input: " + trip.reason());
            }
            run.open();
            parts.grounding.prepare(run);
            parts.checkpoints.save(run);
            return Next.CONTINUE;
        });
    }

    private static AgentRequest withRunId(AgentRequest request) {
        return request.runId().isPresent() ? request : request.withRunId(RunIds.next());
    }

    /**
     * Continues a run from its last checkpoint, after a crash or a restart: completed steps are
     * kept, side-effecting calls that finished are answered from the journal instead of running
     * again, and a call that was in flight is reported to the model (and in
     * {@link AgentEvent.Resumed}) rather than repeated. A run waiting for approval stays
     * waiting unless its requests expired. Resuming an ended run returns how it ended.
     *
     * @throws CheckpointException if no checkpoint of {@code runId} can be found
     */
    @Override
    public AgentResult resume(String runId) {
        return resume(runId, Map.of());
    }

    /**
     * Continues a run that waits for approval, applying {@code decision} to every pending call:
     * approve, deny (the model is told why), edit the arguments, or answer an
     * {@code ask_human} question.
     *
     * <pre>{@code
     * AgentResult paused = agent.run("Pay invoice 42");          // status AWAITING_APPROVAL
     * AgentResult done = agent.resume(paused.runId(), ApprovalDecision.allow());
     * }</pre>
     *
     * @throws CheckpointException if no checkpoint of {@code runId} can be found
     */
    @Override
    public AgentResult resume(String runId, ApprovalDecision decision) {
        Objects.requireNonNull(decision, "decision");
        return resumption.resume(runId, key -> decision);
    }

    /**
     * Continues a paused run with a decision per pending call, by idempotency key (see
     * {@link #pendingApprovals}); calls without a decision stay pending.
     *
     * @throws CheckpointException if no checkpoint of {@code runId} can be found
     */
    @Override
    public AgentResult resume(String runId, Map<String, ApprovalDecision> decisions) {
        Map<String, ApprovalDecision> copy = Map.copyOf(decisions);
        return resumption.resume(runId, copy::get);
    }

    @Override
    public boolean hasRun(String runId) {
        return parts.checkpoints.has(runId);
    }

    @Override
    public long forget(String tenant, String user) {
        return parts.checkpoints.forget(tenant, user);
    }

    /** The calls {@code runId} waits for, with their keys, questions and expiry. */
    @Override
    public List<PendingApproval> pendingApprovals(String runId) {
        return parts.checkpoints.load(settings.name, runId).approvals();
    }

    /** Configures an {@link LlmAgent}. Not thread-safe; build once, share the agent. */
    public static final class Builder {
        private final AgentSettings settings;

        private Builder(AgentSettings settings) {
            this.settings = settings;
        }

        /** The name used in events and logs; default {@code "agent"}. */
        public Builder name(String name) {
            settings.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The model. Required. */
        public Builder llm(LlmClient llm) {
            settings.llm = Objects.requireNonNull(llm, "llm");
            return this;
        }

        /**
         * Adds tools: {@link dev.praxis.tool.Tool} instances, or objects with
         * {@code @Tool}-annotated methods (see {@link Tools#from(Object)}).
         */
        public Builder tools(Object... tools) {
            return tools(Tools.fromAll(tools));
        }

        /** Adds {@code tools} (a list of {@link dev.praxis.tool.Tool}s, e.g. from {@link Tools#from}). */
        public Builder tools(java.util.Collection<? extends dev.praxis.tool.Tool> tools) {
            settings.toolbox = settings.toolbox.plus(tools);
            List<String> added = new java.util.ArrayList<>(settings.toolsAdded);
            tools.forEach(tool -> added.add(tool.spec().name()));
            settings.toolsAdded = List.copyOf(added);
            return this;
        }

        /**
         * Sets the toolbox: its tools, interceptors, approval and limits. Tools added after this
         * call join it. Replacing a toolbox set before (here or by whoever made this builder) is
         * fine; tools added with {@link #tools} before this call are never dropped silently.
         *
         * @throws IllegalStateException if {@link #tools} added tools to this builder (or to the one
         *     the agent of {@link LlmAgent#toBuilder()} was built with) before this call
         */
        public Builder toolbox(Toolbox toolbox) {
            Objects.requireNonNull(toolbox, "toolbox");
            if (!settings.toolsAdded.isEmpty()) {
                throw new IllegalStateException("toolbox(..) would drop the tools added before it with tools(..): "
                        + settings.toolsAdded + "; set the toolbox first and add tools after it, or put them into the toolbox");
            }
            settings.toolbox = toolbox;
            return this;
        }

        /**
         * Adds an interceptor around every tool call of this agent, inside the toolbox's own
         * (see {@link ToolInterceptor} for the order); several run in the order they were added.
         * For a per-tool rate limit, a cache or tracing, without touching the toolbox.
         */
        public Builder toolInterceptor(ToolInterceptor interceptor) {
            Objects.requireNonNull(interceptor, "interceptor");
            List<ToolInterceptor> more = new java.util.ArrayList<>(settings.toolInterceptors);
            more.add(interceptor);
            settings.toolInterceptors = List.copyOf(more);
            return this;
        }

        /**
         * Runs a step's single call of the named tools on the run's own thread instead of
         * handing it to a framework thread: see {@link Toolbox#withInlineCalls} for what this
         * keeps and what it gives up (a call that never returns holds the run past its budget).
         * Only for tools trusted to return promptly; several calls add to the set.
         *
         * @throws IllegalArgumentException from {@link #build()} if the agent has no tool of one
         *                                  of the names
         */
        public Builder inlineCalls(String... toolNames) {
            java.util.Set<String> more = new java.util.HashSet<>(settings.inlineCalls);
            for (String name : toolNames) {
                more.add(Objects.requireNonNull(name, "toolNames"));
            }
            settings.inlineCalls = java.util.Set.copyOf(more);
            return this;
        }

        /**
         * Loop detection: the {@code n}-th call of the same tool with the same arguments in one
         * run does not run, and the model is told that repeating it will not help; asking for it
         * once more ends the run {@link Status#LOOP_DETECTED}. Default 3; 0 turns it off.
         */
        public Builder maxRepeatedCalls(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxRepeatedCalls must not be negative, got " + n);
            }
            settings.maxRepeatedCalls = n;
            return this;
        }

        /**
         * Whether the last model call a budget allows (the last step of {@link Budget#maxSteps},
         * or any call once {@link Budget#maxToolCalls} are used) is made without tools, asking the
         * model to answer now with what it has, so a run that runs out gives its best answer
         * instead of an empty one. That answer completes the run, its reason saying it was asked
         * for; asking for tools instead ends the run {@link Status#BUDGET_EXHAUSTED}. Default
         * true. Not on a run's first step.
         */
        public Builder finalAnswer(boolean enabled) {
            settings.finalAnswer = enabled;
            return this;
        }

        /**
         * Grounds runs in knowledge: {@link Retrieval#inject} retrieves passages for the input and
         * puts them, with their source ids, into the prompt before the first model call;
         * {@link Retrieval#tool} adds a knowledge tool the model searches
         * with. Either way the passages a completed answer cites by {@code [sourceId]} are its
         * {@link AgentResult#citations()}. A retriever that fails before the first call ends the run
         * {@link Status#FAILED}; one that fails inside the tool is reported to the model. Default none.
         */
        public Builder knowledge(Retrieval retrieval) {
            settings.knowledge = Objects.requireNonNull(retrieval, "retrieval");
            return this;
        }

        /** Conversation memory for runs with a session; default a 100-message window in memory. */
        public Builder memory(ConversationMemory memory) {
            settings.memory = Objects.requireNonNull(memory, "memory");
            return this;
        }

        /** The system prompt sent first on every model call. */
        public Builder systemPrompt(String systemPrompt) {
            settings.systemPrompt = Objects.requireNonNull(systemPrompt, "systemPrompt");
            return this;
        }

        /** The default budget for runs that do not bring their own; default {@link Budget#DEFAULT}. */
        public Builder budget(Budget budget) {
            settings.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** Adds a listener; several listeners receive events in the order they were added. */
        public Builder listener(AgentListener listener) {
            Objects.requireNonNull(listener, "listener");
            settings.listener = settings.listener == AgentListener.NONE ? listener
                    : AgentListener.all(List.of(settings.listener, listener));
            return this;
        }

        /** Model prices, so usage carries cost and {@link Budget#maxCost()} can stop runs; default none. */
        public Builder prices(PriceTable prices) {
            settings.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Output tokens to reserve in the cost estimate made before every model call (see
         * {@link Budget#maxCost()}): the call is not made when what the run spent, plus its prompt
         * at the input price, plus this many tokens at the output price, would exceed the cost
         * limit. Default 0: only the prompt is estimated. A request's own {@code maxOutputTokens}
         * takes precedence.
         */
        public Builder reserveOutputTokens(int tokens) {
            if (tokens < 0) {
                throw new IllegalArgumentException("reserveOutputTokens must not be negative, got " + tokens);
            }
            settings.reservedOutputTokens = tokens;
            return this;
        }

        /**
         * Whether to stream model answers: listeners then get {@link AgentEvent.PartialText} as
         * text arrives, and interrupting the run's thread closes the model's stream. With guardrails
         * (containment's answer guard included) partial text is checked like a final answer and
         * released 16 words behind the model, so it never shows what the answer guard withholds.
         * Default false.
         */
        public Builder streaming(boolean stream) {
            settings.streaming = stream;
            return this;
        }

        /**
         * Whether {@link LlmAgent#run(String, Class)} also asks the provider for the schema through
         * its native response format (OpenAI, Gemini, Ollama, Anthropic; grammar-constrained for
         * local GGUF models). Default false: the schema then travels in the prompt only, which every
         * model reads.
         */
        public Builder nativeStructuredOutput(boolean enabled) {
            settings.nativeStructuredOutput = enabled;
            return this;
        }

        /** The clock for budgets and timings; default the system UTC clock. */
        public Builder clock(Clock clock) {
            settings.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Adds guardrails, applied in order to the input (before the first model call), to
         * each tool result (before the model reads it), to the final answer (before the run
         * completes) and to the text beside tool calls (before the run records it or runs the
         * calls). A trip ends the run as {@link Status#GUARDRAIL_TRIPPED}. Use
         * {@link Guardrail#at} to restrict one to some of those points.
         */
        public Builder guardrails(Guardrail... more) {
            settings.guardrails = settings.guardrails.plus(List.of(more));
            return this;
        }

        /**
         * Contains prompt injection in one call: {@code containment} becomes the last guardrail
         * (delimiting tool output), adds its {@link Containment#gate} to the toolbox (so
         * side-effecting calls need a person while untrusted content is in play), adds
         * {@link Containment#SYSTEM_PROMPT_NOTE} to the system prompt, and guards the final answer
         * with an {@link AnswerGuard} (see {@link #answerGuard}): answers repeating the system prompt
         * or its canary are withheld, URLs to hosts not opened are removed. The person is asked through
         * the toolbox's {@link ApprovalHandler}; without one such calls are denied. Applied when
         * the agent is built, so the order of builder calls does not matter.
         */
        public Builder containment(Containment containment) {
            settings.containment = Objects.requireNonNull(containment, "containment");
            return this;
        }

        /**
         * The answer guard used under {@link #containment}; by default {@link AnswerGuard#create()} (no host
         * opened for URLs in answers, no extra secrets). Either way it protects this agent's system prompt
         * and its canary is added to the prompt. Without containment it is not used: add it as a guardrail.
         */
        public Builder answerGuard(AnswerGuard answers) {
            settings.answers = Objects.requireNonNull(answers, "answers");
            return this;
        }

        /** {@link #containment(Containment)}, asking {@code approver} instead of the toolbox's handler. */
        public Builder containment(Containment containment, ApprovalHandler approver) {
            settings.approver = Objects.requireNonNull(approver, "approver");
            return containment(containment);
        }

        /**
         * Makes runs durable: their state is saved to {@code store} after every step and every
         * side-effecting tool call, so {@link LlmAgent#resume} can continue them after a crash.
         * The calls of a step still run in parallel; each side-effecting call is journalled as it
         * starts and finishes.
         */
        public Builder checkpoints(CheckpointStore store) {
            settings.checkpoints = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * How long a call may wait for a person's decision before it counts as denied; default
         * 24 hours. Checked when the run is resumed.
         */
        public Builder approvalTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("approvalTimeout must be positive, got " + timeout);
            }
            settings.approvalTimeout = timeout;
            return this;
        }

        /**
         * The most agents one chain of delegation through this agent may hold, this agent
         * included (agents as tools, supervisors, A2A calls); default
         * {@link Delegation#DEFAULT_MAX_DEPTH}. The tightest limit along a chain applies. A tool
         * call that would go deeper is refused with a reason naming the chain, and every run
         * of the tree then ends {@link Status#BUDGET_EXHAUSTED}.
         */
        public Builder maxDelegationDepth(int maxDepth) {
            settings.maxDelegationDepth = Delegation.checked(maxDepth);
            return this;
        }

        /**
         * Learns from experience (see {@link ExperienceLoop}): completed runs are recorded, and each
         * new run is shown the most similar earlier runs with non-negative feedback as worked
         * examples at the end of its system prompt. Off by default.
         */
        public Builder experience(ExperienceLoop loop) {
            settings.experience = Objects.requireNonNull(loop, "loop");
            return this;
        }

        /** Builds the agent. */
        public LlmAgent build() {
            return new LlmAgent(this);
        }
    }
}
