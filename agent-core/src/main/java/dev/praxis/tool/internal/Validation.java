package dev.praxis.tool.internal;

import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.ToolResult;

import java.util.Map;

/**
 * The first built-in link: checks the call's arguments against its tool's JSON schema. A
 * violation goes back to the model precisely, at most {@code maxAttempts} times per tool and
 * run; after that the model is told to stop calling the tool. The arguments it parsed travel on
 * with the call through the {@link CallChain} for a {@link JsonObjectTool}, as long as no link
 * changes them.
 */
public final class Validation implements ToolInterceptor {

    private final Map<String, ArgumentValidator> validators;
    private final InvalidAttempts attempts;
    private final int maxAttempts;

    /** Validates with {@code validators} (by tool name), counting invalid calls per run and tool. */
    public Validation(Map<String, ArgumentValidator> validators, int maxAttempts) {
        this.validators = validators;
        this.attempts = new InvalidAttempts();
        this.maxAttempts = maxAttempts;
    }

    @Override
    public ToolResult intercept(Chain chain) {
        ArgumentValidator validator = validators.get(chain.call().name());
        ArgumentValidator.Checked checked = validator == null ? null : validator.check(chain.call().arguments());
        if (checked instanceof ArgumentValidator.Checked.Invalid invalid) {
            return refuse(chain, invalid.problem());
        }
        if (checked instanceof ArgumentValidator.Checked.Valid valid && chain instanceof CallChain calls) {
            return calls.proceedParsed(chain.call(), valid.arguments()); // the tool need not parse them again
        }
        return chain.proceed(chain.call());
    }

    private ToolResult refuse(Chain chain, String problem) {
        String name = chain.call().name();
        int attempt = attempts.record(chain.context().runId(), name);
        if (attempt >= maxAttempts) {
            return new ToolResult.Failed("invalid arguments for tool '" + name + "': " + problem
                    + ". This was invalid attempt " + attempt + " of " + maxAttempts
                    + " in this run: do not call '" + name + "' again; tell the user what is missing.", false);
        }
        return new ToolResult.Failed("invalid arguments for tool '" + name + "': " + problem
                + ". Fix the arguments and call again (attempt " + attempt + " of " + maxAttempts + ").", true);
    }
}
