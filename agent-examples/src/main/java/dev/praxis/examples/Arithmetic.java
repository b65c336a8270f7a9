package dev.praxis.examples;

import dev.langchain4j.agent.tool.Tool;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.ToolException;

/** Exact integer arithmetic, the tools of the quick start. */
public class Arithmetic {

    /** Adds two numbers. */
    @Tool("Adds two numbers: a plus b (sum, add, plus, total)")
    @SideEffects(SideEffect.READ_ONLY)
    public long add(long a, long b) {
        return Math.addExact(a, b);
    }

    /** Subtracts b from a. */
    @Tool("Subtracts b from a: a minus b (subtract, minus, difference, take away)")
    @SideEffects(SideEffect.READ_ONLY)
    public long subtract(long a, long b) {
        return Math.subtractExact(a, b);
    }

    /** Multiplies two numbers. */
    @Tool("Multiplies two numbers: a times b (multiply, times, product)")
    @SideEffects(SideEffect.READ_ONLY)
    public long multiply(long a, long b) {
        return Math.multiplyExact(a, b);
    }

    /** Divides a by b, rounding toward zero. */
    @Tool("Divides a by b, rounding toward zero (divide, divided by, quotient, over)")
    @SideEffects(SideEffect.READ_ONLY)
    public long divide(long a, long b) {
        if (b == 0) {
            throw new ToolException("cannot divide by zero");
        }
        return a / b;
    }
}
