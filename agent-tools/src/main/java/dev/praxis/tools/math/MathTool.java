package dev.praxis.tools.math;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolException;
import dev.praxis.tools.internal.JsonTool;
import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * {@code calculate}: evaluates an arithmetic expression with exp4j: {@code + - * / ^ %},
 * parentheses, the constants {@code pi} and {@code e}, and functions such as {@code sqrt},
 * {@code abs}, {@code log} (natural), {@code log10}, {@code exp}, {@code sin}, {@code cos},
 * {@code tan}, {@code floor}, {@code ceil}. Results are rounded to 15 significant digits, so
 * {@code 0.1+0.2} answers {@code 0.3}. Expressions are limited to 500 characters; no variables,
 * no loops, nothing but arithmetic.
 */
public final class MathTool {

    private static final int MAX_CHARS = 500;

    private MathTool() {
    }

    /** The tool. */
    public static Tool create() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("expression", "an arithmetic expression, e.g. '(1234 * 5678) / 2 + sqrt(16)'")
                .required("expression").build();
        return new JsonTool("calculate", "Evaluates an arithmetic expression exactly enough for everyday use.",
                schema, SideEffect.READ_ONLY, (args, context) -> evaluate(args.string("expression")));
    }

    /**
     * The value of {@code expression} as text.
     *
     * @throws ToolException for a malformed expression or a result that is not a finite number
     */
    public static String evaluate(String expression) {
        if (expression.length() > MAX_CHARS) {
            throw new ToolException("the expression is longer than " + MAX_CHARS + " characters");
        }
        double value;
        try {
            Expression parsed = new ExpressionBuilder(expression).implicitMultiplication(false).build();
            value = parsed.evaluate();
        } catch (ArithmeticException e) {
            throw new ToolException("cannot evaluate '" + expression + "': " + e.getMessage().toLowerCase());
        } catch (IllegalArgumentException | IllegalStateException | java.util.EmptyStackException e) {
            throw new ToolException("'" + expression + "' is not a valid expression: "
                    + (e.getMessage() == null ? "malformed" : e.getMessage()));
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new ToolException("'" + expression + "' has no finite value (" + value + ")");
        }
        BigDecimal rounded = new BigDecimal(value).round(MathContext.DECIMAL64).stripTrailingZeros();
        return rounded.scale() < 0 && rounded.precision() - rounded.scale() <= 16
                ? rounded.toPlainString() : rounded.toString();
    }
}
