package dev.praxis.testing;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolException;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A fake tool in one line, for tests that need a tool but not a real one:
 *
 * <pre>{@code
 * var lookup = TestTools.named("lookup").returns("found");
 * var pay = TestTools.named("pay").sideEffect(SideEffect.EXTERNAL).integerParameter("amount")
 *         .answers(args -> "paid " + args);
 * var broken = TestTools.named("broken").fails("backend down");
 *
 * LlmAgent.builder().llm(llm).tools(lookup, pay, broken).build().run("...");
 * assertThat(lookup.calls()).containsExactly("{}");
 * }</pre>
 *
 * <p>Unless set: the description is "test tool <i>name</i>", there are no parameters (an empty
 * object schema) and the tool is {@link SideEffect#READ_ONLY}. A builder is immutable: each
 * setter returns a new one, so a partly set builder can be shared. The tools it makes run like
 * those of {@link Tools#of}, and record the arguments of every call they run.
 */
public final class TestTools {

    private final String name;
    private final String description;
    private final SideEffect sideEffect;
    private final JsonObjectSchema parameters;

    private TestTools(String name, String description, SideEffect sideEffect, JsonObjectSchema parameters) {
        this.name = name;
        this.description = description;
        this.sideEffect = sideEffect;
        this.parameters = parameters;
    }

    /**
     * A builder for a tool called {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public static TestTools named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a test tool needs a name the model can call");
        }
        return new TestTools(name, "test tool " + name, SideEffect.READ_ONLY, JsonObjectSchema.builder().build());
    }

    /** The same, with {@code text} as the description the model reads; not null. */
    public TestTools description(String text) {
        return new TestTools(name, Objects.requireNonNull(text, "text"), sideEffect, parameters);
    }

    /** The same, declaring {@code effect} (what approval policies decide on); not null. */
    public TestTools sideEffect(SideEffect effect) {
        return new TestTools(name, description, Objects.requireNonNull(effect, "effect"), parameters);
    }

    /** The same, with {@code schema} as the whole parameter schema; not null. */
    public TestTools parameters(JsonObjectSchema schema) {
        return new TestTools(name, description, sideEffect, Objects.requireNonNull(schema, "schema"));
    }

    /** The same, with a required string parameter {@code parameter} added. */
    public TestTools stringParameter(String parameter) {
        return parameters(with(parameter, false));
    }

    /** The same, with a required integer parameter {@code parameter} added. */
    public TestTools integerParameter(String parameter) {
        return parameters(with(parameter, true));
    }

    /** A tool that answers every call with {@code text}; not null. */
    public Fake returns(String text) {
        Objects.requireNonNull(text, "text");
        return answers(arguments -> text);
    }

    /**
     * A tool that answers each call with {@code function} applied to the call's raw JSON
     * arguments; the function may throw {@link ToolException} for a failure the model sees.
     */
    public Fake answers(Function<String, String> function) {
        Objects.requireNonNull(function, "function");
        return answers((arguments, context) -> function.apply(arguments));
    }

    /**
     * A tool whose body also sees the call's {@link ToolContext} (its run, step, deadline,
     * delegation): {@code body} gets the raw JSON arguments and the context and returns the
     * answer; it may throw {@link ToolException} for a failure the model sees, or block, as the
     * test needs.
     *
     * <pre>{@code
     * var contexts = new CopyOnWriteArrayList<ToolContext>();
     * var probe = TestTools.named("probe").answers((args, context) -> {
     *     contexts.add(context);
     *     return "ok";
     * });
     * }</pre>
     */
    public Fake answers(BiFunction<String, ToolContext, String> body) {
        Objects.requireNonNull(body, "body");
        return fake((arguments, context) -> {
            String answer = body.apply(arguments, context);
            return ToolResult.ok(answer == null ? "" : answer);
        });
    }

    /**
     * A tool that answers every call with {@code result}, for a result a string cannot carry
     * (content parts, a {@link ToolResult.Denied}); not null.
     */
    public Fake returns(ToolResult result) {
        Objects.requireNonNull(result, "result");
        return fake((arguments, context) -> result);
    }

    private Fake fake(BiFunction<String, ToolContext, ToolResult> body) {
        ToolSpecification spec = ToolSpecification.builder().name(name).description(description)
                .parameters(parameters).build();
        return new Fake(spec, sideEffect, body);
    }

    /** A tool whose every call fails with {@code message}, not retriable (a {@link ToolException}). */
    public Fake fails(String message) {
        Objects.requireNonNull(message, "message");
        return answers(arguments -> {
            throw new ToolException(message);
        });
    }

    private JsonObjectSchema with(String parameter, boolean integer) {
        if (parameter == null || parameter.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
        JsonObjectSchema.Builder schema = JsonObjectSchema.builder().addProperties(parameters.properties());
        if (integer) {
            schema.addIntegerProperty(parameter);
        } else {
            schema.addStringProperty(parameter);
        }
        List<String> required = new ArrayList<>(parameters.required() == null ? List.of() : parameters.required());
        required.add(parameter);
        return schema.required(required).build();
    }

    /**
     * A tool made by {@link TestTools}: answers like the tool of {@link Tools#of} (a null answer
     * is empty) and records the raw JSON arguments of each call it runs. Thread-safe.
     */
    public static final class Fake implements Tool {

        private final ToolSpecification spec;
        private final SideEffect sideEffect;
        private final BiFunction<String, ToolContext, ToolResult> body;
        private final List<String> calls = new CopyOnWriteArrayList<>();

        private Fake(ToolSpecification spec, SideEffect sideEffect, BiFunction<String, ToolContext, ToolResult> body) {
            this.spec = spec;
            this.sideEffect = sideEffect;
            this.body = body;
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
            calls.add(call.arguments());
            return body.apply(call.arguments(), context);
        }

        /** The arguments of every call run so far, oldest first; an immutable snapshot. */
        public List<String> calls() {
            return List.copyOf(calls);
        }
    }
}
