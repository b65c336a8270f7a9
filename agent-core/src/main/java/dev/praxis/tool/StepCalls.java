package dev.praxis.tool;

import dev.praxis.tool.internal.Approval;
import dev.praxis.tool.internal.ArgumentValidator;
import dev.praxis.tool.internal.CallChain;
import dev.praxis.tool.internal.CallDeadline;
import dev.praxis.tool.internal.CallExecutor;
import dev.praxis.tool.internal.CallLinks;
import dev.praxis.tool.internal.StepCall;
import dev.praxis.tool.internal.Validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * How a {@link Toolbox} runs the calls of one step: the chain of links every call goes through,
 * made once per toolbox (so a call allocates no list of links), and the parallel run of a step's
 * calls with their results collected in call order. A step's single call runs its links on the
 * caller's thread and is handed off at its deadline link; each call of a step with several is
 * handed off once, from its first link, and its deadline starts when it reaches the deadline link.
 * Immutable and thread-safe.
 */
final class StepCalls {

    private final Map<String, Tool> tools;
    private final boolean approved;
    /** The links of a call handed to a framework thread at its deadline link. */
    private final CallLinks handedOff;
    /** {@link #handedOff} with a deadline link that runs the inline tools' single calls on the caller's thread. */
    private final CallLinks inline;

    StepCalls(Map<String, Tool> tools, Governance governance) {
        this.tools = tools;
        this.approved = governance.approved();
        Map<String, ArgumentValidator> checks = new HashMap<>();
        tools.forEach((name, tool) -> checks.put(name, ArgumentValidator.of(tool.spec())));
        Validation validation = new Validation(Map.copyOf(checks), governance.limits().maxInvalidAttempts());
        List<ToolInterceptor> outer = new ArrayList<>(governance.gates());
        if (governance.policy() != ApprovalPolicy.ALLOW_ALL) {
            outer.add(new Approval(governance.policy(), governance.handler())); // allowing all needs no link
        }
        outer.add(deadline(governance, Set.of()));
        int cap = governance.limits().maxResultChars();
        this.handedOff = CallLinks.of(validation, outer, governance.interceptors(), cap);
        if (governance.inline().isEmpty()) {
            this.inline = handedOff;
        } else {
            outer.set(outer.size() - 1, deadline(governance, governance.inline()));
            this.inline = CallLinks.of(validation, outer, governance.interceptors(), cap);
        }
    }

    private static CallDeadline deadline(Governance governance, Set<String> inline) {
        return new CallDeadline(governance.limits().timeout(), governance.timeouts(), CallExecutor.shared(), inline);
    }

    /** See {@link Toolbox#execute(List, ToolContext, ToolInterceptor)}. */
    List<ToolResult> execute(List<ToolCall> calls, ToolContext context, ToolInterceptor step) {
        if (calls.size() == 1) {
            return List.of(run(inline, step, calls.get(0), context.forCall(calls.get(0), 0)));
        }
        StepCall[] running = new StepCall[calls.size()];
        ToolResult[] results = new ToolResult[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            Tool tool = tools.get(call.name());
            if (tool == null) {
                results[i] = unknown(call);
                continue;
            }
            try {
                running[i] = StepCall.start(handedOff, step, tool, call, context.forCall(call, i), approved,
                        CallExecutor.shared());
            } catch (RejectedExecutionException e) {
                results[i] = new ToolResult.Failed("too many tool calls are running at once; try again shortly", true);
            }
        }
        return collect(running, results);
    }

    /** Waits for each call in order; once the waiting thread is interrupted, unfinished calls are cancelled. */
    private static List<ToolResult> collect(StepCall[] running, ToolResult[] results) {
        boolean cancelled = false;
        for (int i = 0; i < running.length; i++) {
            if (results[i] != null) {
                continue;
            }
            if (cancelled) {
                results[i] = running[i].cancel();
                continue;
            }
            try {
                results[i] = running[i].result();
            } catch (InterruptedException e) {
                cancelled = true;
                results[i] = running[i].cancel();
            }
        }
        if (cancelled) {
            Thread.currentThread().interrupt();
        }
        return Arrays.asList(results);
    }

    private ToolResult unknown(ToolCall call) {
        return ToolResult.failed("unknown tool '" + call.name() + "'. Available tools: "
                + String.join(", ", tools.keySet().stream().sorted().toList()));
    }

    private ToolResult run(CallLinks links, ToolInterceptor step, ToolCall call, ToolContext context) {
        Tool tool = tools.get(call.name());
        if (tool == null) {
            return unknown(call);
        }
        return CallChain.run(links, step, tool, call, context, approved);
    }
}
