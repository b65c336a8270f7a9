package dev.praxis.tool;

import dev.langchain4j.agent.tool.ToolSpecification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tools an agent may use, by name, and the one place where calls are run and governed.
 *
 * <p>Every call goes through an ordered chain of {@link ToolInterceptor}s whose last link is
 * the tool. Outermost first:
 * <ol>
 *   <li><b>validation</b> of the arguments against the tool's JSON schema (violations go back
 *       to the model precisely, at most {@link ToolLimits#maxInvalidAttempts()} times per tool
 *       and run, then it is told to stop);</li>
 *   <li>the <b>gates</b>, in the order of {@link #withGate} (containment's gate among them when
 *       the agent has containment): links that decide whether a call may run at all;</li>
 *   <li><b>approval</b>: the {@link ApprovalPolicy} decides, asking the {@link ApprovalHandler}
 *       when a person must (not for a call a person has already approved);</li>
 *   <li><b>deadline</b>: from here on the call runs on a framework thread, and the caller waits
 *       at most the smaller of the call's timeout ({@link ToolLimits#timeout()},
 *       {@link #withTimeout}) and the time its run has left ({@link ToolContext#deadline()}); a
 *       call past it is abandoned, never interrupted, and reported as a failure (retriable when
 *       the tool's own timeout ran out); a step's single call of a tool named in
 *       {@link #withInlineCalls} runs on the caller's thread instead and is checked against its
 *       deadline when it returns;</li>
 *   <li>the <b>step's own interceptor</b>, if the caller passed one (the agent's durable journal);</li>
 *   <li>the application's interceptors, in the order of {@link #withInterceptor};</li>
 *   <li>the <b>output cap</b>: answers longer than {@link ToolLimits#maxResultChars()} are cut
 *       with an explicit notice;</li>
 *   <li>the tool, with its {@linkplain ToolContext#idempotencyKey() idempotency key}.</li>
 * </ol>
 * Arguments a link after validation changes (an edit, a gate, an interceptor) are validated
 * again before the next link sees them.
 * The calls of one step run in parallel (virtual threads where the JVM has them, a bounded pool
 * otherwise) and the results come back in call order. A step's single call is handed to a
 * framework thread at the deadline link; each call of a step with several is handed off once, at
 * its first link, runs on to the tool on that thread, and is waited for from the deadline link on
 * (the links before it see the timed-out failure of an abandoned call when the tool returns). Cancellation is cooperative: nothing here
 * interrupts a tool's thread; interrupting the caller's thread (cancelling the run) makes it stop
 * waiting, reports each unfinished call as cancelled and keeps the interrupt flag set.
 *
 * <pre>{@code
 * Toolbox toolbox = Toolbox.of(FileTools.sandboxedAt(root))
 *         .withApproval(ApprovalPolicy.standard(), myApprover)
 *         .withLimits(ToolLimits.DEFAULT.withTimeout(Duration.ofSeconds(20)))
 *         .withInterceptor(myRateLimit);
 * }</pre>
 *
 * <p>{@link #execute} never throws for anything the model caused: an unknown tool, invalid
 * arguments, a denial or an exception inside the tool all come back as a {@link ToolResult}
 * whose text tells the model what to do differently. An {@link Error} thrown by a tool is not
 * the model's doing: it is thrown on, wrapped in an exception naming the tool (a
 * {@link VirtualMachineError} other than {@link StackOverflowError} unwrapped). Immutable and
 * thread-safe; the {@code with...} methods return new toolboxes.
 */
public final class Toolbox {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A toolbox without tools. */
    public static final Toolbox EMPTY = new Toolbox(List.of());

    private final Map<String, Tool> tools;
    private final List<ToolSpecification> specs;
    private final Governance governance;
    private final StepCalls calls;

    private Toolbox(Collection<Tool> tools) {
        this(index(tools), Governance.DEFAULT);
    }

    private Toolbox(Map<String, Tool> byName, Governance governance) {
        this.tools = Map.copyOf(byName);
        this.specs = byName.values().stream().map(Tool::spec).toList();
        this.governance = governance;
        this.calls = new StepCalls(tools, governance);
    }

    private static Map<String, Tool> index(Collection<Tool> tools) {
        Map<String, Tool> byName = new LinkedHashMap<>();
        for (Tool tool : tools) {
            String name = tool.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("tool name '" + name + "' of " + tool.getClass().getName()
                        + " must be 1-64 characters of letters, digits, '_' or '-'");
            }
            if (byName.putIfAbsent(name, tool) != null) {
                throw new IllegalArgumentException("two tools are named '" + name + "'; tool names must be unique");
            }
        }
        return byName;
    }

    /** A toolbox of the given tools. Throws if two share a name or a name is invalid. */
    public static Toolbox of(Collection<? extends Tool> tools) {
        return new Toolbox(List.copyOf(tools));
    }

    /** A toolbox of the given tools. Throws if two share a name or a name is invalid. */
    public static Toolbox of(Tool... tools) {
        return new Toolbox(List.of(tools));
    }

    /**
     * A new toolbox with these tools added and the same governance and interceptors; this one
     * is unchanged.
     *
     * @throws IllegalArgumentException if a tool's name is taken or invalid
     */
    public Toolbox plus(Collection<? extends Tool> more) {
        List<Tool> all = new ArrayList<>(tools());
        all.addAll(more);
        return new Toolbox(index(all), governance);
    }

    /**
     * A new toolbox with the tools and the governance of both, {@code other}'s interceptors
     * after this one's; this toolbox's approval, limits and timeouts win where both set them.
     *
     * @throws IllegalArgumentException if both have a tool of the same name
     */
    public Toolbox plus(Toolbox other) {
        Objects.requireNonNull(other, "other");
        List<Tool> all = new ArrayList<>(tools());
        all.addAll(other.tools());
        return new Toolbox(index(all), governance.plus(other.governance));
    }

    /**
     * This toolbox with an approval policy and the handler that asks a person when the policy
     * says so. The default is {@link ApprovalPolicy#ALLOW_ALL} with {@link ApprovalHandler#NOBODY}.
     */
    public Toolbox withApproval(ApprovalPolicy policy, ApprovalHandler handler) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(handler, "handler");
        return new Toolbox(ordered(), governance.with(policy, handler));
    }

    /** This toolbox with other limits; see {@link ToolLimits#DEFAULT}. */
    public Toolbox withLimits(ToolLimits limits) {
        Objects.requireNonNull(limits, "limits");
        return new Toolbox(ordered(), governance.with(limits, governance.timeouts()));
    }

    /** This toolbox with its own timeout for the named tool (e.g. a slow search). */
    public Toolbox withTimeout(String toolName, Duration timeout) {
        if (!tools.containsKey(toolName)) {
            throw new IllegalArgumentException("no tool named '" + toolName + "' in this toolbox");
        }
        governance.limits().withTimeout(timeout); // validates the duration
        Map<String, Duration> timeouts = new HashMap<>(governance.timeouts());
        timeouts.put(toolName, timeout);
        return new Toolbox(ordered(), governance.with(governance.limits(), Map.copyOf(timeouts)));
    }

    /**
     * This toolbox with the named tools' calls run <b>inline</b>: a step's single call of such
     * a tool runs on the run's own thread instead of a framework thread, which saves the
     * hand-off (two thread wake-ups, tens of microseconds). For tools trusted to return
     * promptly (pure computation, in-memory lookups). The whole chain still runs, the run's
     * deadline is bound to the thread and nothing interrupts the tool; a call that returns after
     * its deadline is reported exactly like a timed-out call (text saying it ran to completion,
     * result dropped; a run out of time ends {@code BUDGET_EXHAUSTED}). Steps with several calls
     * still run them in parallel, each abandoned at its deadline.
     *
     * <p>Not the default because an inline call cannot be abandoned: one that never returns holds
     * the run past its budget, and cancelling the run interrupts the tool itself (a tool that
     * swallows the interrupt hides the cancellation).
     *
     * <pre>{@code
     * Toolbox tools = Toolbox.of(MathTool.create(), webPage).withInlineCalls("calculate");
     * }</pre>
     *
     * @throws IllegalArgumentException if this toolbox has no tool of one of the names
     */
    public Toolbox withInlineCalls(String... toolNames) {
        Set<String> inline = new HashSet<>(governance.inline());
        for (String name : toolNames) {
            if (!tools.containsKey(name)) {
                throw new IllegalArgumentException("no tool named '" + name + "' in this toolbox; it has "
                        + tools.keySet().stream().sorted().toList());
            }
            inline.add(name);
        }
        return new Toolbox(ordered(), governance.inline(Set.copyOf(inline)));
    }

    /** The tools whose single calls run on the run's thread ({@link #withInlineCalls}); empty by default. */
    public Set<String> inlineCalls() {
        return governance.inline();
    }

    /**
     * This toolbox with {@code interceptor} around every call, inside the ones added before it
     * (see the class comment for where application interceptors sit among the built-in ones).
     *
     * <pre>{@code
     * Toolbox cached = toolbox.withInterceptor(chain -> cache.computeIfAbsent(chain.call().arguments(),
     *         args -> chain.proceed(chain.call())));
     * }</pre>
     */
    public Toolbox withInterceptor(ToolInterceptor interceptor) {
        Objects.requireNonNull(interceptor, "interceptor");
        List<ToolInterceptor> interceptors = new ArrayList<>(governance.interceptors());
        interceptors.add(interceptor);
        return new Toolbox(ordered(), governance.with(governance.gates(), List.copyOf(interceptors)));
    }

    /**
     * This toolbox with {@code gate} deciding whether calls may run, after the gates added
     * before it: gates run after validation and before approval, on the caller's side of the
     * deadline (a gate that asks a person is not cut off by the tool's timeout). Containment's
     * gate ({@code Containment#gate}) is one; a per-tool quota or an allow-list are others. A
     * gate that asked a person and got a yes passes the call on with
     * {@link ToolInterceptor.Chain#proceedApproved}, so the approval link does not ask again.
     */
    public Toolbox withGate(ToolInterceptor gate) {
        Objects.requireNonNull(gate, "gate");
        List<ToolInterceptor> gates = new ArrayList<>(governance.gates());
        gates.add(gate);
        return new Toolbox(ordered(), governance.with(List.copyOf(gates), governance.interceptors()));
    }

    /**
     * This toolbox for calls a person has already approved (a paused run's decided calls): every
     * call reaches the links with {@link ToolInterceptor.Chain#approved()} true, so the approval
     * link and gates that ask people let it through; validation, the deadline, the interceptors
     * and the output cap apply as usual.
     */
    public Toolbox approvedByPerson() {
        return new Toolbox(ordered(), governance.approvedByPerson());
    }

    /** The application's interceptors (inside the deadline), outermost first. */
    public List<ToolInterceptor> interceptors() {
        return governance.interceptors();
    }

    /** The gates (before approval), outermost first. */
    public List<ToolInterceptor> gates() {
        return governance.gates();
    }

    /** The approval policy applied to every call; {@link ApprovalPolicy#ALLOW_ALL} unless set. */
    public ApprovalPolicy approvalPolicy() {
        return governance.policy();
    }

    /** Who is asked when the policy wants a person; {@link ApprovalHandler#NOBODY} unless set. */
    public ApprovalHandler approvalHandler() {
        return governance.handler();
    }

    /** The limits applied to every call. */
    public ToolLimits limits() {
        return governance.limits();
    }

    /** The specifications to send to the model, in registration order. */
    public List<ToolSpecification> specs() {
        return specs;
    }

    /** The tools, in registration order. */
    public List<Tool> tools() {
        return List.copyOf(ordered().values());
    }

    /** The tool of this name, if present. */
    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** Whether there are no tools. */
    public boolean isEmpty() {
        return tools.isEmpty();
    }

    /** Runs one call through the chain. Never throws for model-caused problems. */
    public ToolResult execute(ToolCall call, ToolContext context) {
        return execute(List.of(call), context).get(0);
    }

    /** Runs the calls of one step in parallel; see {@link #execute(List, ToolContext, ToolInterceptor)}. */
    public List<ToolResult> execute(List<ToolCall> calls, ToolContext context) {
        return execute(calls, context, null);
    }

    /**
     * Runs the calls of one step in parallel and returns one result per call, in call order.
     * {@code step}, if not null, is an interceptor for these calls only, placed after the
     * deadline (so it runs on the thread that runs the call) and before the toolbox's own
     * interceptors: the agent journals durable steps this way. Each call gets
     * {@code context.forCall(call, index)}. If this thread is interrupted (the run is
     * cancelled) it stops waiting, each unfinished call yields a "cancelled" failure, and the
     * interrupt flag is set again on return.
     */
    public List<ToolResult> execute(List<ToolCall> calls, ToolContext context, ToolInterceptor step) {
        return this.calls.execute(calls, context, step);
    }

    private Map<String, Tool> ordered() {
        Map<String, Tool> byName = new LinkedHashMap<>();
        for (ToolSpecification spec : specs) {
            byName.put(spec.name(), tools.get(spec.name()));
        }
        return byName;
    }
}
