package dev.praxis.tool;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.tool.internal.FunctionTool;
import dev.praxis.tool.internal.MethodTool;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Factories that turn code into {@link Tool}s.
 *
 * <pre>{@code
 * class Calculator {
 *     @dev.langchain4j.agent.tool.Tool("Adds two numbers")
 *     int add(int a, int b) { return a + b; }
 * }
 * List<Tool> tools = Tools.from(new Calculator());
 * }</pre>
 */
public final class Tools {

    private Tools() {
    }

    /**
     * One tool per method of {@code target} annotated with LangChain4j's {@code @Tool}.
     * Arguments are bound by parameter name (or {@code @P(name=...)}) with Jackson, so
     * primitives, strings, enums, records and lists all work. Declare side effects with
     * {@link SideEffects}; methods without it are {@link SideEffect#EXTERNAL}. Parameter names
     * exist at run time only when the class was compiled with {@code -parameters} (Maven's
     * default is without); otherwise name each parameter with {@code @P(name = "...")}.
     *
     * @throws IllegalArgumentException if {@code target} has no {@code @Tool} methods, or a
     *     parameter has no name at run time (the message says how to fix it)
     */
    public static List<Tool> from(Object target) {
        Objects.requireNonNull(target, "target");
        if (target instanceof Tool tool) {
            return List.of(tool);
        }
        List<Method> methods = Arrays.stream(target.getClass().getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(dev.langchain4j.agent.tool.Tool.class))
                .filter(m -> !m.isSynthetic())
                .sorted(Comparator.comparing(Method::getName))
                .toList();
        if (methods.isEmpty()) {
            throw new IllegalArgumentException(target.getClass().getName()
                    + " is neither a Tool nor has methods annotated with @dev.langchain4j.agent.tool.Tool");
        }
        List<Tool> tools = new ArrayList<>(methods.size());
        for (Method method : methods) {
            tools.add(new MethodTool(target, method));
        }
        return List.copyOf(tools);
    }

    /** Tools from each object: {@link Tool} instances as they are, others via {@link #from(Object)}. */
    public static List<Tool> fromAll(Object... targets) {
        List<Tool> tools = new ArrayList<>();
        for (Object target : targets) {
            tools.addAll(from(target));
        }
        return List.copyOf(tools);
    }

    /**
     * A tool from a function of its JSON arguments (as text) to its answer.
     *
     * <pre>{@code
     * Tool clock = Tools.of("now", "Current UTC time", JsonObjectSchema.builder().build(),
     *         SideEffect.READ_ONLY, args -> Instant.now().toString());
     * }</pre>
     *
     * @param function receives the raw JSON arguments; may throw {@link ToolException}
     */
    public static Tool of(String name, String description, JsonObjectSchema parameters,
                          SideEffect sideEffect, Function<String, String> function) {
        ToolSpecification spec = ToolSpecification.builder()
                .name(name).description(description).parameters(parameters).build();
        return new FunctionTool(spec, sideEffect, function);
    }
}
