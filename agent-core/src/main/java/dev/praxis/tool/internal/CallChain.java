package dev.praxis.tool.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolException;
import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain of interceptors around one call, the tool being the last link. Immutable: each
 * {@link #proceed} makes the next link's chain (none for the tool itself, and none for the
 * step's slot when the step has no interceptor). A link after validation that passes on changed
 * arguments (a person's edit, a gate, an application interceptor) has them validated again
 * before the next link sees them, so no link can hand a tool arguments its schema refuses.
 */
public final class CallChain implements ToolInterceptor.Chain {

    private static final Logger log = LoggerFactory.getLogger(CallChain.class);

    private final CallLinks links;
    private final int index;
    /** The step's interceptor, run in the links' step slot; null when the step has none. */
    private final ToolInterceptor step;
    private final Tool tool;
    private final ToolCall call;
    private final ToolContext context;
    private final boolean approved;
    // call.arguments() as validation parsed them, for a JsonObjectTool; null when not known
    private final ObjectNode parsed;
    /** The slot of a call handed off from its first link, which its deadline link arms; else null. */
    private final StepCall handedOff;

    private CallChain(CallLinks links, int index, ToolInterceptor step, Tool tool, ToolCall call,
                      ToolContext context, boolean approved, ObjectNode parsed, StepCall handedOff) {
        this.links = links;
        this.index = index;
        this.step = step;
        this.tool = tool;
        this.call = call;
        this.context = context;
        this.approved = approved;
        this.parsed = parsed;
        this.handedOff = handedOff;
    }

    /**
     * Runs {@code call} of {@code tool} through {@code links}, with {@code step} (or nothing, when
     * null) in their step slot, then the tool; {@code approved} when a person has already
     * approved it.
     */
    public static ToolResult run(CallLinks links, ToolInterceptor step, Tool tool, ToolCall call,
                                 ToolContext context, boolean approved) {
        return run(links, step, tool, call, context, approved, null);
    }

    /** {@link #run}, for a call handed off from its first link in {@code handedOff}. */
    static ToolResult run(CallLinks links, ToolInterceptor step, Tool tool, ToolCall call, ToolContext context,
                          boolean approved, StepCall handedOff) {
        return new CallChain(links, 0, step, tool, call, context, approved, null, handedOff).next();
    }

    /** The slot of a call handed off from its first link, or null when the caller runs the outer links. */
    StepCall handedOff() {
        return handedOff;
    }

    @Override
    public ToolCall call() {
        return call;
    }

    @Override
    public Tool tool() {
        return tool;
    }

    @Override
    public ToolContext context() {
        return context;
    }

    @Override
    public boolean approved() {
        return approved;
    }

    @Override
    public ToolResult proceed(ToolCall next) {
        return proceed(next, approved);
    }

    @Override
    public ToolResult proceedApproved(ToolCall next) {
        return proceed(next, true);
    }

    /** {@link #proceed}, with {@code arguments} parsed from {@code next.arguments()} by validation. */
    ToolResult proceedParsed(ToolCall next, ObjectNode arguments) {
        return proceed(next, approved, arguments);
    }

    private ToolResult proceed(ToolCall next, boolean byPerson) {
        return proceed(next, byPerson, parsed);
    }

    private ToolResult proceed(ToolCall next, boolean byPerson, ObjectNode arguments) {
        if (!next.name().equals(call.name())) {
            throw new IllegalArgumentException("an interceptor passed on a call to '" + next.name()
                    + "' where the chain runs '" + call.name() + "'; a call may change its arguments, not its tool");
        }
        boolean same = next.arguments().equals(call.arguments());
        if (!same && links.get(index) != links.validation()) {
            // changed after validation: the rest of the chain runs behind validation again
            return new CallChain(links.revalidatedAfter(index), 0, step, tool, next, context, byPerson, null, handedOff)
                    .next();
        }
        // the parsed arguments go on only with the very text they were parsed from
        ObjectNode kept = same ? arguments : null;
        int following = index + 1;
        if (following < links.size() && links.get(following) == CallLinks.STEP && step == null) {
            following++;
        }
        if (following == links.size()) {
            return links.cap().apply(invoke(next, kept));
        }
        return new CallChain(links, following, step, tool, next, context, byPerson, kept, handedOff).next();
    }

    private ToolResult next() {
        ToolInterceptor link = links.get(index);
        if (link == CallLinks.STEP) {
            link = step;
        }
        ToolResult result;
        try {
            result = link.intercept(this);
        } catch (ToolCrash e) {
            throw e;
        } catch (ToolException e) {
            return new ToolResult.Failed(e.getMessage(), e.isRetriable());
        } catch (RuntimeException e) {
            log.debug("interceptor {} failed on tool '{}'", link.getClass().getName(), call.name(), e);
            return ToolResult.failed("tool '" + call.name() + "' failed: " + describe(e));
        }
        if (result == null) {
            return ToolResult.failed("tool '" + call.name() + "' returned no result (interceptor "
                    + link.getClass().getName() + " returned null)");
        }
        return result;
    }

    /**
     * Calls the tool. A runtime exception is returned to the model as a failure; an
     * {@link Error} ends the run, named by a {@link ToolCrash} (a VirtualMachineError other
     * than StackOverflowError passes unchanged, since the JVM may be unusable).
     */
    private ToolResult invoke(ToolCall next, ObjectNode arguments) {
        try {
            ToolResult result = arguments != null && tool instanceof JsonObjectTool json
                    ? json.execute(next, arguments, context) : tool.execute(next, context);
            return result != null ? result : ToolResult.failed("tool '" + next.name() + "' returned no result");
        } catch (ToolException e) {
            return new ToolResult.Failed(e.getMessage(), e.isRetriable());
        } catch (RuntimeException e) {
            log.debug("tool '{}' threw", next.name(), e);
            return ToolResult.failed("tool '" + next.name() + "' failed: " + describe(e));
        } catch (StackOverflowError e) {
            throw new ToolCrash(next.name(), e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            throw new ToolCrash(next.name(), e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
