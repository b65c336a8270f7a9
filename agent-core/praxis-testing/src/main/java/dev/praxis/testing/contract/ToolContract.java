package dev.praxis.testing.contract;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Tool} must do, as tests a tool's author inherits:
 *
 * <pre>{@code
 * class WeatherToolTest extends ToolContract {
 *     protected Tool tool() { return new WeatherTool(fakeService); }
 *     protected String validArguments() { return "{\"city\":\"Paris\"}"; }
 * }
 * }</pre>
 *
 * <p>The contract: a spec a model can call (a name of letters, digits, {@code _} or {@code -},
 * at most 64 characters; a description; an object schema for the arguments), a side-effect
 * class, an answer for valid arguments, and for broken arguments a {@link ToolResult} that
 * tells the model what went wrong rather than an exception, also when called concurrently.
 * Needs JUnit 5 and AssertJ on the test class path.
 */
public abstract class ToolContract {

    /** A fresh tool under test. */
    protected abstract Tool tool() throws Exception;

    /** Arguments (JSON) with which the tool succeeds. */
    protected abstract String validArguments();

    /** The context the tool runs in; override to give it a session. */
    protected ToolContext context() {
        return ToolContext.NONE;
    }

    private ToolResult call(Tool tool, String arguments) {
        return tool.execute(new ToolCall("call-1", tool.spec().name(), arguments), context());
    }

    @Test
    void specIsCallableByAModel() throws Exception {
        ToolSpecification spec = tool().spec();

        assertThat(spec.name()).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(spec.description()).as("the model chooses tools by their description").isNotBlank();
        assertThat(spec.parameters()).as("arguments are a JSON object described by a schema").isNotNull();
        assertThat(tool().sideEffect()).isNotNull();
    }

    @Test
    void answersValidArguments() throws Exception {
        ToolResult result = call(tool(), validArguments());

        assertThat(result).isInstanceOf(ToolResult.Ok.class);
        assertThat(result.text()).isNotNull();
    }

    @Test
    void brokenArgumentsAreAResultForTheModelNotAnException() throws Exception {
        Tool tool = tool();
        for (String broken : List.of("not json", "[]", "{\"unexpected\": {\"deeply\": [1, 2]}}")) {
            ToolResult result = call(tool, broken);

            assertThat(result).as("arguments " + broken).isNotNull();
            if (!(result instanceof ToolResult.Ok)) {
                assertThat(result.text()).as("what the model reads for " + broken).isNotBlank();
            }
        }
    }

    @Test
    void concurrentCallsEachGetTheirAnswer() throws Exception {
        Tool tool = tool();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ToolResult>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> call(tool, validArguments()));
            }
            for (Future<ToolResult> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isInstanceOf(ToolResult.Ok.class);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
