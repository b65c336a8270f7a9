package dev.praxis.tool;

import dev.langchain4j.agent.tool.P;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tool classes compiled the Maven default way (without -parameters), as users' classes are. */
class ParameterNamesTest {

    @TempDir
    Path dir;

    @Test
    void refusesAToolWhoseParameterNamesWereCompiledAway() throws Exception {
        Object tool = compileWithoutParameterNames("Weather", """
                public class Weather {
                    @dev.langchain4j.agent.tool.Tool("Forecast for a city")
                    public String forecast(String city, int days) { return city + days; }
                }
                """);

        assertThatThrownBy(() -> Tools.from(tool))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Weather.forecast has no parameter names")
                .hasMessageContaining("'arg0'")
                .hasMessageContaining("-parameters")
                .hasMessageContaining("@P(name")
                .hasMessageNotContaining("\n");
    }

    @Test
    void acceptsTheSameToolWhenEachParameterIsNamedWithP() throws Exception {
        Object tool = compileWithoutParameterNames("Named", """
                import dev.langchain4j.agent.tool.P;
                public class Named {
                    @dev.langchain4j.agent.tool.Tool("Forecast for a city")
                    public String forecast(@P(name = "city", value = "the city") String city,
                                           @P(name = "days", value = "how many days") int days) {
                        return city + " for " + days + " days";
                    }
                }
                """);

        List<Tool> tools = Tools.from(tool);

        assertThat(tools.get(0).spec().parameters().properties()).containsOnlyKeys("city", "days");
        assertThat(tools.get(0).execute(new ToolCall("c1", "forecast", "{\"city\":\"Oslo\",\"days\":2}"), ToolContext.NONE))
                .isEqualTo(ToolResult.ok("Oslo for 2 days"));
    }

    private Object compileWithoutParameterNames(String name, String source) throws Exception {
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, source);
        String langchain4j = Path.of(P.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        var errors = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, errors,
                "-classpath", langchain4j, "-d", dir.toString(), file.toString());
        assertThat(status).as(errors.toString()).isZero();
        var loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass(name).getDeclaredConstructor().newInstance();
    }
}
