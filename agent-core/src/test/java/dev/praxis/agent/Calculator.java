package dev.praxis.agent;

import dev.langchain4j.agent.tool.Tool;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;

/** A small tool class used across the loop tests. */
public class Calculator {

    @Tool("Adds two integers")
    @SideEffects(SideEffect.READ_ONLY)
    public int add(int a, int b) {
        return a + b;
    }

    @Tool("Divides a by b")
    @SideEffects(SideEffect.READ_ONLY)
    public int divide(int a, int b) {
        return a / b;
    }
}
