package dev.praxis.tool.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolException;
import dev.praxis.tool.ToolResult;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A tool backed by a Java method annotated with LangChain4j's {@code @Tool}. Arguments are
 * bound by name with Jackson into the declared parameter types (from the object validation parsed,
 * when the chain hands it over, see {@link JsonObjectTool}); the return value becomes
 * the answer (strings as they are, {@code void} as "done", anything else as JSON).
 */
public final class MethodTool implements JsonObjectTool {

    // tool calls may run on a fresh virtual thread each: a thread-local buffer pool would start
    // empty for every call, so buffers come from a pool shared by all threads
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .findAndAddModules()
            .build();

    private final Object target;
    private final Method method;
    private final ToolSpecification spec;
    private final SideEffect sideEffect;
    private final List<Binding> bindings;
    private final Set<String> names;

    /** How a parameter is filled; {@code direct} is set for types read straight off the JSON node. */
    private record Binding(String name, JavaType type, boolean required, Direct direct) {
    }

    /** Parameter types bound without Jackson's data binding when the JSON value is exactly that kind. */
    private enum Direct { INT, LONG, DOUBLE, BOOLEAN, STRING, NONE }

    /**
     * Wraps {@code method} of {@code target}; the method must carry {@code @Tool}.
     *
     * @throws IllegalArgumentException when a parameter has no name at run time (compiled without
     *     {@code -parameters} and not named with {@code @P(name = ...)}): the model would see {@code arg0}
     */
    public MethodTool(Object target, Method method) {
        requireParameterNames(method);
        this.target = target;
        this.method = method;
        this.spec = ToolSpecifications.toolSpecificationFrom(method);
        SideEffects declared = method.getAnnotation(SideEffects.class);
        this.sideEffect = declared == null ? SideEffect.EXTERNAL : declared.value();
        this.bindings = bind(method);
        this.names = Set.copyOf(bindings.stream().map(Binding::name).toList());
        method.setAccessible(true);
    }

    private static void requireParameterNames(Method method) {
        for (Parameter parameter : method.getParameters()) {
            P p = parameter.getAnnotation(P.class);
            if (!parameter.isNamePresent() && (p == null || p.name().isBlank())) {
                throw new IllegalArgumentException("tool method " + method.getDeclaringClass().getName() + "."
                        + method.getName() + " has no parameter names at run time (the model would see '"
                        + parameter.getName() + "'): compile with -parameters (Maven: set"
                        + " <maven.compiler.parameters>true</maven.compiler.parameters>; Gradle:"
                        + " options.compilerArgs += '-parameters') or name each parameter with @P(name = \"...\")");
            }
        }
    }

    private static List<Binding> bind(Method method) {
        List<Binding> result = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            P p = parameter.getAnnotation(P.class);
            String name = p != null && !p.name().isBlank() ? p.name() : parameter.getName();
            boolean required = p == null || p.required();
            result.add(new Binding(name, JSON.getTypeFactory().constructType(parameter.getParameterizedType()), required,
                    direct(parameter.getType())));
        }
        return List.copyOf(result);
    }

    private static Direct direct(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return Direct.INT;
        }
        if (type == long.class || type == Long.class) {
            return Direct.LONG;
        }
        if (type == double.class || type == Double.class) {
            return Direct.DOUBLE;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Direct.BOOLEAN;
        }
        return type == String.class ? Direct.STRING : Direct.NONE;
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
        Object[] args;
        try {
            args = parse(call.arguments());
        } catch (ToolException e) {
            return ToolResult.failed(e.getMessage());
        }
        return invoke(args);
    }

    /**
     * Runs a call whose arguments the chain already parsed (and validated): the same as
     * {@link #execute(ToolCall, ToolContext)} without parsing the JSON text again.
     */
    @Override
    public ToolResult execute(ToolCall call, ObjectNode arguments, ToolContext context) {
        Object[] args;
        try {
            args = bindAll(arguments);
        } catch (ToolException e) {
            return ToolResult.failed(e.getMessage());
        }
        return invoke(args);
    }

    private ToolResult invoke(Object[] args) {
        Object value;
        try {
            value = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof InterruptedException) {
                // the method gave up because this thread was interrupted: keep that visible
                Thread.currentThread().interrupt();
            }
            throw new ToolException("tool '" + spec.name() + "' failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        }
        return ToolResult.ok(render(value));
    }

    private Object[] parse(String arguments) {
        JsonNode root;
        try {
            root = JSON.readTree(arguments);
        } catch (JsonProcessingException e) {
            throw new ToolException("arguments are not valid JSON (" + e.getOriginalMessage()
                    + "). Send a JSON object with fields " + names() + ".");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new ToolException("arguments must be a JSON object with fields " + names()
                    + ", got " + root.getNodeType().name().toLowerCase());
        }
        return bindAll(object);
    }

    private Object[] bindAll(ObjectNode object) {
        // one lookup per parameter: the nodes found also tell whether the object has other fields
        JsonNode[] nodes = new JsonNode[bindings.size()];
        int known = 0;
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = object.get(bindings.get(i).name());
            if (nodes[i] != null) {
                known++;
            }
        }
        if (known != object.size()) {
            throw unknownFields(object);
        }
        Object[] values = new Object[nodes.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = convert(bindings.get(i), nodes[i]);
        }
        return values;
    }

    private ToolException unknownFields(ObjectNode object) {
        Set<String> unknown = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(unknown::add);
        unknown.removeAll(names);
        return new ToolException("unknown argument(s) " + unknown + "; expected fields " + names());
    }

    private static Object convert(Binding binding, JsonNode node) {
        if (node == null || node.isNull()) {
            if (binding.required()) {
                throw new ToolException("missing required argument '" + binding.name() + "'");
            }
            return binding.type().isPrimitive() ? JSON.convertValue(0, binding.type()) : null;
        }
        Object direct = direct(binding.direct(), node);
        if (direct != null) {
            return direct;
        }
        try {
            return JSON.treeToValue(node, binding.type());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new ToolException("argument '" + binding.name() + "' is not a valid "
                    + binding.type().getRawClass().getSimpleName() + ": " + firstLine(detail));
        }
    }

    /** The value of {@code node} when it is exactly the JSON kind of the parameter; else null. */
    private static Object direct(Direct kind, JsonNode node) {
        return switch (kind) {
            case INT -> node.isInt() ? node.intValue() : null;
            case LONG -> node.isInt() || node.isLong() ? node.longValue() : null;
            case DOUBLE -> node.isDouble() || node.isInt() ? node.doubleValue() : null;
            case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
            case STRING -> node.isTextual() ? node.textValue() : null;
            case NONE -> null;
        };
    }

    private List<String> names() {
        return bindings.stream().map(Binding::name).toList();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "invalid value";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private String render(Object value) {
        if (method.getReturnType() == void.class) {
            return "done";
        }
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            return value.toString(); // what Jackson writes for them, without a generator
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ToolException("tool returned a value that cannot be written as JSON: " + e.getOriginalMessage());
        }
    }
}
