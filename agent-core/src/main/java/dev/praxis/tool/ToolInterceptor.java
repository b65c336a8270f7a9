package dev.praxis.tool;

/**
 * Cross-cutting behaviour around one tool call: the tool side's mirror of
 * {@link dev.praxis.llm.LlmDecorator}. The {@link Toolbox} runs every call through an ordered
 * chain of interceptors whose last link is the tool itself; each link may look at or change
 * the call, answer it without calling further (a cache hit, a refusal), or look at or change
 * the result.
 *
 * <p>The links, outermost first: argument validation, the gates in the order they were added
 * ({@link Toolbox#withGate}; containment's among them), approval, the per-call deadline (the
 * smaller of the tool's timeout and the time the run has left; from here on the call runs on a
 * framework thread), the run's step hook (the agent's durable journal and timing), then the
 * application's interceptors in the order they were added ({@link Toolbox#withInterceptor}),
 * then the output cap, then the tool.
 *
 * <pre>{@code
 * ToolInterceptor audit = chain -> {
 *     log.info("calling {}", chain.call().name());
 *     return chain.proceed(chain.call());
 * };
 * Toolbox toolbox = Toolbox.of(tools).withInterceptor(audit);
 * }</pre>
 *
 * <p>Implementations must be thread-safe: the calls of one step run in parallel. An
 * interceptor should return a {@link ToolResult} for anything the model can act on; a
 * runtime exception it throws becomes a {@link ToolResult.Failed} like one from a tool.
 */
@FunctionalInterface
public interface ToolInterceptor {

    /** Handles {@code chain.call()}, usually by calling {@link Chain#proceed} once. Never returns null. */
    ToolResult intercept(Chain chain);

    /** One call on its way through the chain, and the rest of the chain. */
    interface Chain {

        /** The call as it reaches this link (an earlier link may have changed its arguments). */
        ToolCall call();

        /** The tool the call is for. */
        Tool tool();

        /** The run, step and idempotency key of the call. */
        ToolContext context();

        /**
         * Passes {@code call} (this link's call, or a changed one for the same tool) to the next
         * link and returns its result.
         *
         * @throws IllegalArgumentException if {@code call} names another tool
         */
        ToolResult proceed(ToolCall call);

        /**
         * Whether a person has already approved this call: an earlier link asked one (see
         * {@link #proceedApproved}), or the call is one a paused run's person approved. The
         * approval link lets such a call through without asking its policy; a gate that asks
         * people should do the same.
         */
        default boolean approved() {
            return false;
        }

        /**
         * {@link #proceed}, telling the links after this one that a person has approved
         * {@code call} (this link asked one), so the approval link does not ask again.
         *
         * @throws IllegalArgumentException if {@code call} names another tool
         */
        default ToolResult proceedApproved(ToolCall call) {
            return proceed(call);
        }
    }
}
