package dev.praxis.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.praxis.tool.internal.ArgumentValidator;
import dev.praxis.tool.internal.CallExecutor;
import dev.praxis.tool.internal.CallSlot;
import dev.praxis.tool.internal.InvalidAttempts;
import dev.praxis.tool.internal.MethodTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The tools an agent may use, by name, and the one place where calls are run and governed.
 *
 * <p>For every call, in this order: the tool is looked up; the arguments are validated against
 * the tool's JSON schema (violations go back to the model precisely, at most
 * {@link ToolLimits#maxInvalidAttempts()} times per tool and run, then it is told to stop); the
 * {@link ApprovalPolicy} decides (asking the {@link ApprovalHandler} when a person must); the
 * call runs with its {@linkplain ToolContext#idempotencyKey() idempotency key}, under a timeout,
 * and its answer is capped at {@link ToolLimits#maxResultChars()} with an explicit notice.
 * The calls of one step run in parallel (virtual threads where the JVM has them, a bounded pool
 * otherwise) and the results come back in call order. A step's only call runs on the caller's
 * own thread, with no hand-off: its deadline and a cancellation of the run then reach the tool
 * as an interrupt of that thread, so a tool that ignores interruption holds the run until it
 * returns (its late result is still reported as timed out or cancelled), and one that swallows
 * the interrupt (catches {@code InterruptedException} without setting the flag again) hides a
 * cancellation. {@link #withIsolatedCalls()} runs every call on its own thread instead.
 *
 * <pre>{@code
 * Toolbox toolbox = Toolbox.of(FileTools.sandboxedAt(root))
 *         .withApproval(ApprovalPolicy.standard(), myApprover)
 *         .withLimits(ToolLimits.DEFAULT.withTimeout(Duration.ofSeconds(20)));
 * }</pre>
 *
 * <p>{@link #execute} never throws for anything the model caused: an unknown tool, invalid
 * arguments, a denial or an exception inside the tool all come back as a {@link ToolResult}
 * whose text tells the model what to do differently. Immutable and thread-safe; the
 * {@code with...} methods return new toolboxes.
 */
public final class Toolbox {

    private static final Logger log = LoggerFactory.getLogger(Toolbox.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A toolbox without tools. */
    public static final Toolbox EMPTY = new Toolbox(List.of());

    private final Map<String, Tool> tools;
    private final List<ToolSpecification> specs;
    private final Map<String, ArgumentValidator> validators;
    private final Governance governance;
    private final InvalidAttempts invalid;

    /** How calls are governed; shared by toolboxes derived with {@code plus}. */
    private record Governance(ApprovalPolicy policy, ApprovalHandler handler, ToolLimits limits,
                              Map<String, Duration> timeouts, boolean isolated) {
        static final Governance DEFAULT = new Governance(ApprovalPolicy.ALLOW_ALL, ApprovalHandler.NOBODY,
                ToolLimits.DEFAULT, Map.of(), false);
    }

    private Toolbox(Collection<Tool> tools) {
        this(index(tools), Governance.DEFAULT);
    }

    private Toolbox(Map<String, Tool> byName, Governance governance) {
        this.tools = Map.copyOf(byName);
        this.specs = byName.values().stream().map(Tool::spec).toList();
        Map<String, ArgumentValidator> checks = new HashMap<>();
        byName.forEach((name, tool) -> checks.put(name, ArgumentValidator.of(tool.spec())));
        this.validators = Map.copyOf(checks);
        this.governance = governance;
        this.invalid = new InvalidAttempts();
    }

    /** The same tools' specs, validators, governance and invalid-attempt counts, other tool objects. */
    private Toolbox(Toolbox original, Map<String, Tool> byName) {
        this.tools = Map.copyOf(byName);
        this.specs = original.specs;
        this.validators = original.validators;
        this.governance = original.governance;
        this.invalid = original.invalid;
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

    /** A new toolbox with these tools added and the same governance; this one is unchanged. */
    public Toolbox plus(Collection<? extends Tool> more) {
        List<Tool> all = new ArrayList<>(tools());
        all.addAll(more);
        return new Toolbox(index(all), governance);
    }

    /**
     * This toolbox with an approval policy and the handler that asks a person when the policy
     * says so. The default is {@link ApprovalPolicy#ALLOW_ALL} with {@link ApprovalHandler#NOBODY}.
     */
    public Toolbox withApproval(ApprovalPolicy policy, ApprovalHandler handler) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(handler, "handler");
        return new Toolbox(ordered(), new Governance(policy, handler, governance.limits(), governance.timeouts(),
                governance.isolated()));
    }

    /** This toolbox with other limits; see {@link ToolLimits#DEFAULT}. */
    public Toolbox withLimits(ToolLimits limits) {
        Objects.requireNonNull(limits, "limits");
        return new Toolbox(ordered(), new Governance(governance.policy(), governance.handler(), limits,
                governance.timeouts(), governance.isolated()));
    }

    /** This toolbox with its own timeout for the named tool (e.g. a slow search). */
    public Toolbox withTimeout(String toolName, Duration timeout) {
        if (!tools.containsKey(toolName)) {
            throw new IllegalArgumentException("no tool named '" + toolName + "' in this toolbox");
        }
        governance.limits().withTimeout(timeout); // validates the duration
        Map<String, Duration> timeouts = new HashMap<>(governance.timeouts());
        timeouts.put(toolName, timeout);
        return new Toolbox(ordered(), new Governance(governance.policy(), governance.handler(), governance.limits(),
                Map.copyOf(timeouts), governance.isolated()));
    }

    /**
     * This toolbox running every call on a thread of its own, even the only call of a step
     * (which otherwise runs on the caller's thread). Choose it for tools that may ignore
     * interruption: the run then moves on at the call's deadline or cancellation whatever the
     * tool does, at the cost of a thread hand-off per call.
     */
    public Toolbox withIsolatedCalls() {
        return new Toolbox(ordered(), new Governance(governance.policy(), governance.handler(), governance.limits(),
                governance.timeouts(), true));
    }

    /**
     * This toolbox with every tool wrapped by {@code decorator} (to observe or journal what its
     * {@code execute} does), keeping the specs, argument validation, governance and the count
     * of invalid attempts. The agent uses it to journal side-effecting calls of durable runs.
     *
     * @throws IllegalArgumentException if a wrapped tool changes its name or side effect
     */
    public Toolbox decorate(UnaryOperator<Tool> decorator) {
        Map<String, Tool> wrapped = new LinkedHashMap<>();
        ordered().forEach((name, tool) -> {
            Tool decorated = Objects.requireNonNull(decorator.apply(tool), "decorator returned null for " + name);
            if (!name.equals(decorated.name()) || decorated.sideEffect() != tool.sideEffect()) {
                throw new IllegalArgumentException("a decorator must keep the name and side effect of tool '"
                        + name + "'");
            }
            wrapped.put(name, decorated);
        });
        return new Toolbox(this, wrapped);
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

    /**
     * Runs the calls of one step in parallel and returns one result per call, in call order; a
     * single call runs on this thread (see the class comment). Validation and approval happen
     * first, on this thread, in call order. The observer hears
     * {@code started} and {@code finished} on this thread, in call order (so listeners need not
     * be thread-safe), with each call's own duration. If this thread is
     * interrupted (the run is cancelled) the running calls are interrupted, each unfinished call
     * yields a "cancelled" failure, and the interrupt flag is set again on return.
     */
    public List<ToolResult> execute(List<ToolCall> calls, ToolContext context, ToolObserver observer) {
        if (calls.size() == 1 && !governance.isolated()) {
            // a step's only call runs here: a hand-off to another thread would only make this one wait
            ToolCall call = calls.get(0);
            return List.of(start(call, context.forCall(call, 0), observer, true).settledResult());
        }
        List<CallSlot> slots = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            slots.add(start(calls.get(i), context.forCall(calls.get(i), i), observer, false));
        }
        List<ToolResult> results = new ArrayList<>(slots.size());
        for (CallSlot slot : slots) {
            try {
                results.add(slot.await());
            } catch (InterruptedException e) {
                for (CallSlot rest : slots.subList(results.size(), slots.size())) {
                    results.add(rest.cancel());
                }
                Thread.currentThread().interrupt();
            }
        }
        return results;
    }

    /** Runs one call, governed like a step of one call. Never throws for model-caused problems. */
    public ToolResult execute(ToolCall call, ToolContext context) {
        return execute(List.of(call), context, ToolObserver.NONE).get(0);
    }

    private CallSlot start(ToolCall call, ToolContext context, ToolObserver observer, boolean inline) {
        Tool tool = tools.get(call.name());
        if (tool == null) {
            return CallSlot.settled(call, observer, unknown(call));
        }
        ArgumentValidator.Checked checked = validators.get(call.name()).check(call.arguments());
        Optional<ToolResult> refused = checked instanceof ArgumentValidator.Checked.Invalid invalid
                ? Optional.of(invalidArguments(call, context, invalid.problem()))
                : approve(tool, call, context);
        if (refused.isPresent()) {
            return CallSlot.settled(call, observer, refused.get());
        }
        ObjectNode arguments = ((ArgumentValidator.Checked.Valid) checked).arguments();
        Duration timeout = governance.timeouts().getOrDefault(call.name(), governance.limits().timeout());
        Supplier<ToolResult> body = () -> capped(invoke(tool, call, arguments, context));
        return inline ? CallSlot.inline(call, observer, timeout, body)
                : CallSlot.submit(call, observer, timeout, CallExecutor.shared(), body);
    }

    private ToolResult unknown(ToolCall call) {
        return ToolResult.failed("unknown tool '" + call.name() + "'. Available tools: "
                + String.join(", ", tools.keySet().stream().sorted().toList()));
    }

    private ToolResult invalidArguments(ToolCall call, ToolContext context, String problem) {
        int attempt = invalid.record(context.runId(), call.name());
        int max = governance.limits().maxInvalidAttempts();
        if (attempt >= max) {
            return new ToolResult.Failed("invalid arguments for tool '" + call.name() + "': "
                    + problem + ". This was invalid attempt " + attempt + " of " + max
                    + " in this run: do not call '" + call.name() + "' again; tell the user what is missing.", false);
        }
        return new ToolResult.Failed("invalid arguments for tool '" + call.name() + "': "
                + problem + ". Fix the arguments and call again (attempt " + attempt + " of " + max + ").", true);
    }

    private Optional<ToolResult> approve(Tool tool, ToolCall call, ToolContext context) {
        ApprovalRequest request = new ApprovalRequest(call, tool.sideEffect(), context);
        ApprovalDecision decision = decide(() -> governance.policy().decide(request), "approval policy", call);
        if (decision instanceof ApprovalDecision.AskPerson ask) {
            decision = decide(() -> governance.handler().ask(request, ask.question()), "approval handler", call);
            if (decision instanceof ApprovalDecision.AskPerson pending) {
                return Optional.of(new ToolResult.AwaitingApproval(pending.question(), context.idempotencyKey()));
            }
        }
        if (decision instanceof ApprovalDecision.Deny deny) {
            return Optional.of(new ToolResult.Denied(deny.reason()));
        }
        return Optional.empty();
    }

    private static ApprovalDecision decide(java.util.function.Supplier<ApprovalDecision> source, String who,
                                           ToolCall call) {
        try {
            ApprovalDecision decision = source.get();
            if (decision == null) {
                throw new NullPointerException(who + " returned no decision");
            }
            return decision;
        } catch (RuntimeException e) {
            log.warn("{} failed for tool '{}'; denying the call", who, call.name(), e);
            return ApprovalDecision.deny("the " + who + " failed, so the call was not run");
        }
    }

    private static ToolResult invoke(Tool tool, ToolCall call, ObjectNode arguments, ToolContext context) {
        try {
            // an annotated method binds the tree the validator already parsed
            ToolResult result = tool instanceof MethodTool method ? method.execute(arguments) : tool.execute(call, context);
            return result != null ? result : ToolResult.failed("tool '" + call.name() + "' returned no result");
        } catch (ToolException e) {
            return new ToolResult.Failed(e.getMessage(), e.isRetriable());
        } catch (RuntimeException e) {
            log.debug("tool '{}' threw", call.name(), e);
            return ToolResult.failed("tool '" + call.name() + "' failed: " + describe(e));
        }
    }

    private ToolResult capped(ToolResult result) {
        int max = governance.limits().maxResultChars();
        if (result instanceof ToolResult.Ok ok && ok.content().length() > max) {
            return ToolResult.ok(truncate(ok.content(), max));
        }
        if (result instanceof ToolResult.Failed f && f.error().length() > max) {
            return new ToolResult.Failed(truncate(f.error(), max), f.retriable());
        }
        return result;
    }

    private static String truncate(String text, int max) {
        int cut = max - 180;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "\n\n[truncated: the result had " + text.length() + " characters; only the first "
                + cut + " are shown. Ask for less (a narrower query, range or filter) to see the rest.]";
    }

    private Map<String, Tool> ordered() {
        Map<String, Tool> byName = new LinkedHashMap<>();
        for (ToolSpecification spec : specs) {
            byName.put(spec.name(), tools.get(spec.name()));
        }
        return byName;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
