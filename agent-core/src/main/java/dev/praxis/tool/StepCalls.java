package dev.praxis.tool;

import dev.praxis.tool.internal.Approval;
import dev.praxis.tool.internal.ArgumentValidator;
import dev.praxis.tool.internal.CallChain;
import dev.praxis.tool.internal.CallDeadline;
import dev.praxis.tool.internal.CallExecutor;
import dev.praxis.tool.internal.CallLinks;
import dev.praxis.tool.internal.InvalidAttempts;
import dev.praxis.tool.internal.Validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * How a {@link Toolbox} runs the calls of one step: the chain of links every call goes through,
 * made once per toolbox (so a call allocates no list of links), and the parallel run of a step's
 * calls with their results collected in call order. Immutable and thread-safe.
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
        Validation validation = new Validation(Map.copyOf(checks), new InvalidAttempts(),
                governance.limits().maxInvalidAttempts());
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
        List<CompletableFuture<ToolResult>> running = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            ToolContext forCall = context.forCall(call, i);
            try {
                running.add(CompletableFuture.supplyAsync(() -> run(handedOff, step, call, forCall),
                        CallExecutor.shared()));
            } catch (RejectedExecutionException e) {
                running.add(CompletableFuture.completedFuture(
                        new ToolResult.Failed("too many tool calls are running at once; try again shortly", true)));
            }
        }
        return collect(calls, running);
    }

    private static List<ToolResult> collect(List<ToolCall> calls, List<CompletableFuture<ToolResult>> running) {
        List<ToolResult> results = new ArrayList<>(running.size());
        boolean cancelled = false;
        for (int i = 0; i < running.size(); i++) {
            if (cancelled) {
                results.add(running.get(i).getNow(cancelled(calls.get(i))));
                continue;
            }
            try {
                results.add(running.get(i).get());
            } catch (InterruptedException e) {
                cancelled = true;
                i--;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("tool call failed", e.getCause());
            }
        }
        if (cancelled) {
            Thread.currentThread().interrupt();
        }
        return results;
    }

    private static ToolResult cancelled(ToolCall call) {
        return new ToolResult.Failed("cancelled: the run was stopped before tool '" + call.name() + "' finished", false);
    }

    private ToolResult run(CallLinks links, ToolInterceptor step, ToolCall call, ToolContext context) {
        Tool tool = tools.get(call.name());
        if (tool == null) {
            return ToolResult.failed("unknown tool '" + call.name() + "'. Available tools: "
                    + String.join(", ", tools.keySet().stream().sorted().toList()));
        }
        return CallChain.run(links, step, tool, call, context, approved);
    }
}
