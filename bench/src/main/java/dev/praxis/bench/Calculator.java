package dev.praxis.bench;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/** The one tool of every scenario, declared once and given to both libraries as it is. */
public final class Calculator {

    /** Adds two integers. */
    @Tool("Adds two integers and returns the sum")
    public int add(@P("the first addend") int a, @P("the second addend") int b) {
        return a + b;
    }
}
