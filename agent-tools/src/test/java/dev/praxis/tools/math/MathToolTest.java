package dev.praxis.tools.math;

import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
import static org.assertj.core.api.Assertions.assertThat;

class MathToolTest {

    private final Toolbox toolbox = Toolbox.of(MathTool.create());

    private ToolResult calculate(String expression) {
        return toolbox.execute(new ToolCall("1", "calculate", instance.objectNode().put("expression", expression).toString()),
                ToolContext.NONE);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "1234 * 5678|7006652",
            "0.1 + 0.2|0.3",
            "(2 + 3) * 4 ^ 2|80",
            "sqrt(16) + abs(-2.5)|6.5",
            "10 % 4|2",
            "2 ^ 0.5|1.414213562373095",
            "1e3 / 8|125",
            "-3 + 1|-2",
            "sin(pi / 2)|1",
            "2^70|1.180591620717411E+21"})
    void evaluatesArithmetic(String expression, String expected) {
        assertThat(calculate(expression)).isEqualTo(ToolResult.ok(expected));
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource(delimiter = '|', value = {
            "1 / 0|division by zero",
            "sqrt(-1)|no finite value",
            "2 +|not a valid expression",
            "foo(3)|not a valid expression",
            "2 3|not a valid expression",
            "x + 1|not a valid expression",
            "System.exit(0)|not a valid expression"})
    void explainsBadExpressions(String expression, String reason) {
        ToolResult result = calculate(expression);

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.text()).containsIgnoringCase(reason);
    }
}
