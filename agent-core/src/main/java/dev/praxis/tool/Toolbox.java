package dev.praxis.tool;

import dev.langchain4j.agent.tool.ToolSpecification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tools an agent may use, by name, and the one place where calls are run.
 *
 * <p>{@link #execute} never throws for anything the model caused: an unknown tool,
 * malformed arguments or an exception inside the tool all come back as a
 * {@link ToolResult.Failed} whose text tells the model what to do differently.
 * Immutable and thread-safe.
 */
public final class Toolbox {

    private static final Logger log = LoggerFactory.getLogger(Toolbox.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A toolbox without tools. */
    public static final Toolbox EMPTY = new Toolbox(List.of());

    private final Map<String, Tool> tools;
    private final List<ToolSpecification> specs;

    private Toolbox(Collection<Tool> tools) {
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
        this.tools = Map.copyOf(byName);
        this.specs = byName.values().stream().map(Tool::spec).toList();
    }

    /** A toolbox of the given tools. Throws if two share a name or a name is invalid. */
    public static Toolbox of(Collection<? extends Tool> tools) {
        return new Toolbox(List.copyOf(tools));
    }

    /** A toolbox of the given tools. Throws if two share a name or a name is invalid. */
    public static Toolbox of(Tool... tools) {
        return new Toolbox(List.of(tools));
    }

    /** A new toolbox with these tools added; this one is unchanged. */
    public Toolbox plus(Collection<? extends Tool> more) {
        List<Tool> all = new ArrayList<>(tools());
        all.addAll(more);
        return new Toolbox(all);
    }

    /** The specifications to send to the model, in registration order. */
    public List<ToolSpecification> specs() {
        return specs;
    }

    /** The tools, in registration order. */
    public List<Tool> tools() {
        List<Tool> ordered = new ArrayList<>(specs.size());
        for (ToolSpecification spec : specs) {
            ordered.add(tools.get(spec.name()));
        }
        return List.copyOf(ordered);
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
     * Runs the calls of one step and returns one result per call, in call order. Never throws
     * for model-caused problems.
     */
    public List<ToolResult> execute(List<ToolCall> calls, ToolContext context, ToolObserver observer) {
        List<ToolResult> results = new ArrayList<>(calls.size());
        for (ToolCall call : calls) {
            observer.started(call);
            long start = System.nanoTime();
            ToolResult result = execute(call, context);
            observer.finished(call, result, java.time.Duration.ofNanos(System.nanoTime() - start));
            results.add(result);
        }
        return results;
    }

    /**
     * Runs one call. Never throws for model-caused problems; see the class comment.
     * Errors ({@link Error}) and thread interruption are not swallowed.
     */
    public ToolResult execute(ToolCall call, ToolContext context) {
        Tool tool = tools.get(call.name());
        if (tool == null) {
            return ToolResult.failed("unknown tool '" + call.name() + "'. Available tools: "
                    + String.join(", ", tools.keySet().stream().sorted().toList()));
        }
        try {
            ToolResult result = tool.execute(call, context);
            if (result == null) {
                return ToolResult.failed("tool '" + call.name() + "' returned no result");
            }
            return result;
        } catch (ToolException e) {
            return new ToolResult.Failed(e.getMessage(), e.isRetriable());
        } catch (RuntimeException e) {
            log.debug("tool '{}' threw", call.name(), e);
            return ToolResult.failed("tool '" + call.name() + "' failed: " + describe(e));
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
