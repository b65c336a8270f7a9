package dev.praxis.tool;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolsTest {

    enum Unit { CELSIUS, FAHRENHEIT }

    record Point(double x, double y) { }

    static class Kit {
        final StringBuilder log = new StringBuilder();

        @Tool("Converts a temperature")
        @SideEffects(SideEffect.READ_ONLY)
        String convert(double value, Unit to) {
            return to == Unit.FAHRENHEIT ? String.valueOf(value * 9 / 5 + 32) : String.valueOf(value);
        }

        @Tool("Sums a list")
        long sum(List<Integer> numbers) {
            return numbers.stream().mapToLong(Integer::longValue).sum();
        }

        @Tool("Distance of a point from the origin")
        Point mirror(Point point, @P(value = "scale factor", required = false) Double scale) {
            double s = scale == null ? 1 : scale;
            return new Point(-point.x() * s, -point.y() * s);
        }

        @Tool(name = "log_line", value = "Appends a line")
        @SideEffects(SideEffect.WRITE)
        void logLine(@P(name = "text", value = "the line") String line, boolean upper) {
            log.append(upper ? line.toUpperCase() : line).append('\n');
        }

        @Tool("Reads a resource")
        String read(String name) throws IOException {
            throw new IOException("no such resource: " + name);
        }
    }

    private final Kit kit = new Kit();
    private final Toolbox toolbox = Toolbox.of(Tools.from(kit));

    private ToolResult call(String name, String args) {
        return toolbox.execute(new ToolCall("1", name, args), ToolContext.NONE);
    }

    @Test
    void bindsPrimitivesAndEnums() {
        assertThat(call("convert", "{\"value\":100,\"to\":\"FAHRENHEIT\"}")).isEqualTo(ToolResult.ok("212.0"));
    }

    @Test
    void bindsListsAndReturnsNumbersAsJson() {
        assertThat(call("sum", "{\"numbers\":[1,2,3,40]}")).isEqualTo(ToolResult.ok("46"));
    }

    @Test
    void bindsRecordsAndOptionalParametersAndReturnsRecordsAsJson() {
        assertThat(call("mirror", "{\"point\":{\"x\":1.5,\"y\":-2}}")).isEqualTo(ToolResult.ok("{\"x\":-1.5,\"y\":2.0}"));
        assertThat(call("mirror", "{\"point\":{\"x\":1,\"y\":1},\"scale\":2}")).isEqualTo(ToolResult.ok("{\"x\":-2.0,\"y\":-2.0}"));
    }

    @Test
    void usesAnnotatedNamesAndReportsDoneForVoid() {
        assertThat(call("log_line", "{\"text\":\"hello\",\"upper\":true}")).isEqualTo(ToolResult.ok("done"));
        assertThat(kit.log).hasToString("HELLO\n");
    }

    @Test
    void specsComeFromAnnotationsWithSchema() {
        var spec = toolbox.find("convert").orElseThrow().spec();
        assertThat(spec.description()).isEqualTo("Converts a temperature");
        assertThat(spec.parameters().properties()).containsOnlyKeys("value", "to");
        assertThat(spec.parameters().required()).containsExactlyInAnyOrder("value", "to");
    }

    @Test
    void readsSideEffectDeclarationsAndDefaultsToExternal() {
        assertThat(toolbox.find("convert").orElseThrow().sideEffect()).isEqualTo(SideEffect.READ_ONLY);
        assertThat(toolbox.find("log_line").orElseThrow().sideEffect()).isEqualTo(SideEffect.WRITE);
        assertThat(toolbox.find("sum").orElseThrow().sideEffect()).isEqualTo(SideEffect.EXTERNAL);
    }

    @Test
    void reportsMissingRequiredArgument() {
        assertThat(call("convert", "{\"value\":1}").text()).contains("field `to`").contains("required");
    }

    @Test
    void reportsUnknownArgumentsWithTheExpectedNames() {
        assertThat(call("convert", "{\"value\":1,\"to\":\"CELSIUS\",\"unit\":\"K\"}").text())
                .isEqualTo("Error: unknown argument(s) [unit]; expected fields [value, to]");
    }

    @Test
    void reportsWrongTypeAndBadEnumValue() {
        assertThat(call("sum", "{\"numbers\":\"1,2\"}").text()).contains("field `numbers`: string found, array expected");
        assertThat(call("convert", "{\"value\":1,\"to\":\"KELVIN\"}").text()).contains("field `to`")
                .contains("CELSIUS");
    }

    @Test
    void reportsNonObjectArguments() {
        assertThat(call("sum", "[1,2]").text()).contains("arguments must be a JSON object, got array");
    }

    @Test
    void reportsCheckedExceptionFromToolMethod() {
        assertThat(call("read", "{\"name\":\"x\"}"))
                .isEqualTo(new ToolResult.Failed("tool 'read' failed: IOException: no such resource: x", false));
    }

    @Test
    void functionToolsReceiveRawArguments() {
        var echo = Tools.of("echo", "Echoes its arguments", JsonObjectSchema.builder().addStringProperty("s").build(),
                SideEffect.READ_ONLY, args -> "got " + args);
        assertThat(Toolbox.of(echo).execute(new ToolCall("1", "echo", "{\"s\":\"x\"}"), ToolContext.NONE))
                .isEqualTo(ToolResult.ok("got {\"s\":\"x\"}"));
    }

    @Test
    void toolExceptionMessageReachesModelVerbatim() {
        var strict = Tools.of("strict", "Refuses", JsonObjectSchema.builder().build(), SideEffect.READ_ONLY, args -> {
            throw new ToolException("date must be yyyy-MM-dd", true);
        });
        assertThat(Toolbox.of(strict).execute(new ToolCall("1", "strict", "{}"), ToolContext.NONE))
                .isEqualTo(new ToolResult.Failed("date must be yyyy-MM-dd", true));
    }

    @Test
    void rejectsObjectsWithoutToolMethods() {
        assertThatThrownBy(() -> Tools.from("not a tool"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is neither a Tool nor has methods annotated");
    }

    @Test
    void rejectsDuplicateAndInvalidToolNames() {
        var a = Tools.of("same", "a", JsonObjectSchema.builder().build(), SideEffect.READ_ONLY, x -> "a");
        var b = Tools.of("same", "b", JsonObjectSchema.builder().build(), SideEffect.READ_ONLY, x -> "b");
        var bad = Tools.of("has space", "c", JsonObjectSchema.builder().build(), SideEffect.READ_ONLY, x -> "c");
        assertThatThrownBy(() -> Toolbox.of(a, b)).hasMessageContaining("two tools are named 'same'");
        assertThatThrownBy(() -> Toolbox.of(bad)).hasMessageContaining("tool name 'has space'");
    }

    @Test
    void unknownToolListsAvailableTools() {
        assertThat(call("nope", "{}").text()).isEqualTo("Error: unknown tool 'nope'. Available tools: convert, log_line, mirror, read, sum");
    }
}
