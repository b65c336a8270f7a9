package dev.praxis.agent;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

/**
 * A side-effecting tool whose calls in a durable step are journalled on the thread that runs
 * them: marked started (and checkpointed) just before the tool runs, finished (and
 * checkpointed) as soon as it returns. Calls of one step run in parallel, so each call's
 * record is exact regardless of how long the others take.
 */
final class JournalledTool implements Tool {

    private final Tool tool;
    private final Checkpoints checkpoints;

    JournalledTool(Tool tool, Checkpoints checkpoints) {
        this.tool = tool;
        this.checkpoints = checkpoints;
    }

    @Override
    public ToolSpecification spec() {
        return tool.spec();
    }

    @Override
    public SideEffect sideEffect() {
        return tool.sideEffect();
    }

    @Override
    public String name() {
        return tool.name();
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        Run run = checkpoints.stepping(context.runId());
        if (run == null) {
            return tool.execute(call, context);
        }
        String key = context.idempotencyKey();
        run.journal.started(key, context.step(), call);
        checkpoints.saveWhileStepping(run);
        ToolResult result = tool.execute(call, context);
        if (result != null && run.journal.finishIfStarted(key, context.step(), call, result)) {
            checkpoints.saveWhileStepping(run);
        }
        return result;
    }
}
