package dev.praxis.testing.junit;

import dev.praxis.testing.Cassette;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A JUnit 5 extension that hands each test a {@link Cassette}: recording real model exchanges
 * when an API key is present, replaying them otherwise, so the same test runs against the real
 * provider on a developer's machine and offline in CI:
 *
 * <pre>{@code
 * @ExtendWith(RecordReplay.class)
 * @RecordReplay.Cassettes(dir = "src/test/resources/cassettes", key = "PRAXIS_API_KEY")
 * class WeatherAgentTest {
 *     @Test
 *     void answersFromTheTool(Cassette cassette) {
 *         LlmClient llm = cassette.client(LlmClients::fromEnv);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>The file is {@code dir/TestClass/testMethod.json}. The mode is {@code RECORD} when the
 * environment variable {@code key} is set and not blank, else {@code REPLAY}; the system
 * property {@value #MODE_PROPERTY} ({@code record} or {@code replay}) overrides that. Needs
 * {@code org.junit.jupiter:junit-jupiter-api} on the test class path (an optional dependency
 * of agent-core).
 */
public final class RecordReplay implements ParameterResolver, AfterEachCallback {

    /** The system property that forces a mode: {@code record} or {@code replay}. */
    public static final String MODE_PROPERTY = "praxis.cassettes.mode";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RecordReplay.class);

    /** Where a test class keeps its cassettes and which variable holds the key. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Cassettes {
        /** The folder of cassettes, relative to the working directory (Maven: the module). */
        String dir() default "src/test/resources/cassettes";

        /** The environment variable whose presence means "record". */
        String key() default "PRAXIS_API_KEY";
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Cassette.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("cassette", k -> open(context), Cassette.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        context.getStore(NAMESPACE).remove("cassette");
    }

    private static Cassette open(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        Cassettes settings = type.getAnnotation(Cassettes.class);
        String dir = settings == null ? "src/test/resources/cassettes" : settings.dir();
        String key = settings == null ? "PRAXIS_API_KEY" : settings.key();
        Path file = Path.of(dir, type.getSimpleName(), context.getRequiredTestMethod().getName() + ".json");
        return Cassette.at(file, mode(System.getenv(), System.getProperty(MODE_PROPERTY), key));
    }

    /**
     * The mode for {@code env}: {@code forced} ({@code record}/{@code replay}) when given, else
     * {@code RECORD} when {@code key} is set in {@code env}.
     *
     * @throws IllegalArgumentException when {@code forced} is neither
     */
    static Cassette.Mode mode(Map<String, String> env, String forced, String key) {
        if (forced != null && !forced.isBlank()) {
            try {
                return Cassette.Mode.valueOf(forced.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(MODE_PROPERTY + "='" + forced + "' is neither record nor replay", e);
            }
        }
        String value = env.get(key);
        return value == null || value.isBlank() ? Cassette.Mode.REPLAY : Cassette.Mode.RECORD;
    }
}
