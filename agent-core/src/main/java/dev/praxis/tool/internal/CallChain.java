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

import java.util.ArrayList;
import java.util.List;

/**
 * The chain of interceptors around one call, the tool being the last link. Immutable: each
 * {@link #proceed} makes the next link's chain. A link after validation that passes on changed
 * arguments (a person's edit, a gate, an application interceptor) has them validated again
 * before the next link sees them, so no link can hand a tool arguments its schema refuses.
 */
public final class CallChain implements ToolInterceptor.Chain {

    private static final Logger log = LoggerFactory.getLogger(CallChain.class);

    private final List<ToolInterceptor> links;
    private final int index;
    private final Tool tool;
    private final ToolCall call;
    private final ToolContext context;
    private final boolean approved;
    private final ToolInterceptor validation;
    // call.arguments() as validation parsed them, for a JsonObjectTool; null when not known
    private final ObjectNode parsed;

    private CallChain(List<ToolInterceptor> links, int index, Tool tool, ToolCall call, ToolContext context,
                      boolean approved, ToolInterceptor validation, ObjectNode parsed) {
        this.parsed = parsed;
        this.links = links;
        this.index = index;
        this.tool = tool;
        this.call = call;
        this.context = context;
        this.approved = approved;
        this.validation = validation;
    }

    /**
     * Runs {@code call} of {@code tool} through {@code links}, then the tool; {@code approved}
     * when a person has already approved it. {@code validation}, when not {@code null}, is the
     * first link, and checks again any arguments a later link changes.
     */
    public static ToolResult run(List<ToolInterceptor> links, Tool tool, ToolCall call, ToolContext context,
                                 boolean approved, ToolInterceptor validation) {
        if (validation != null && (links.isEmpty() || links.get(0) != validation)) {
            throw new IllegalArgumentException("validation must be the first link of the chain");
        }
        return new CallChain(links, 0, tool, call, context, approved, validation, null).next(call);
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
        if (validation != null && links.get(index) != validation && !next.arguments().equals(call.arguments())) {
            // changed after validation: the rest of the chain runs behind validation again
            List<ToolInterceptor> rest = new ArrayList<>(links.size() - index);
            rest.add(validation);
            rest.addAll(links.subList(index + 1, links.size()));
            return new CallChain(rest, 0, tool, next, context, byPerson, validation, null).next(next);
        }
        // the parsed arguments go on only with the very text they were parsed from
        ObjectNode kept = arguments != null && next.arguments().equals(call.arguments()) ? arguments : null;
        return new CallChain(links, index + 1, tool, next, context, byPerson, validation, kept).next(next);
    }

    private ToolResult next(ToolCall next) {
        if (index == links.size()) {
            return invoke(next);
        }
        ToolInterceptor link = links.get(index);
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
    private ToolResult invoke(ToolCall next) {
        try {
            ToolResult result = parsed != null && tool instanceof JsonObjectTool json
                    ? json.execute(next, parsed, context) : tool.execute(next, context);
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
