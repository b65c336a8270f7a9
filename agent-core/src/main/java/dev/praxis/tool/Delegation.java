package dev.praxis.tool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a run sits in a tree of agents that start one another: agents used as tools,
 * supervisors delegating to members, remote A2A agents. It holds the chain of agent names from
 * the top-level run down to the agent that is calling a tool, and the most agents one chain may
 * hold, so an agent that (directly or through others) calls itself cannot nest forever.
 *
 * <p>It travels explicitly, in {@link ToolContext#delegation()} and in the agent request, never
 * in a thread-local: the calls of a step run on other threads. All runs of one tree share a
 * stop signal: once a call is refused for depth ({@link #refuse}) or a run starts too deep,
 * every run of the tree ends before its next model call, so a model that keeps delegating
 * cannot turn the limit into a fan-out of retries.
 *
 * <pre>{@code
 * // inside a tool that starts another agent by hand:
 * if (context.delegation().full()) {
 *     return ToolResult.failed(context.delegation().refuse("researcher"));
 * }
 * researcher.run(AgentRequest.of(task).delegatedBy(context.delegation()));
 * }</pre>
 *
 * <p>It also carries the provenance of the chain ({@link #untrusted()}): where untrusted content
 * in the context of the calling run, or of a run above it, came from. A run started with a
 * delegation that carries some is gated by containment exactly like the run that read it, so an
 * injected page cannot act through a sub-agent that never saw it.
 *
 * <p>Immutable except for the shared stop signal, which is thread-safe.
 */
public final class Delegation {

    /** The depth limit of an agent that sets none: at most 8 agents in one chain. */
    public static final int DEFAULT_MAX_DEPTH = 8;

    /** Nobody delegated: a top-level request, or a tool called outside any run. */
    public static final Delegation NONE = new Delegation(List.of(), Integer.MAX_VALUE, null);

    private final List<String> chain;
    private final int maxDepth;
    // null until the first run of a tree enters it: NONE and limitedTo(..) must not share a signal
    private final AtomicReference<String> stop;
    private final Set<String> untrusted;
    private final boolean provenanceKnown;

    private Delegation(List<String> chain, int maxDepth, AtomicReference<String> stop) {
        this(chain, maxDepth, stop, Set.of(), false);
    }

    private Delegation(List<String> chain, int maxDepth, AtomicReference<String> stop, Set<String> untrusted,
                       boolean provenanceKnown) {
        this.chain = List.copyOf(chain);
        this.maxDepth = maxDepth;
        this.stop = stop;
        this.untrusted = untrusted;
        this.provenanceKnown = provenanceKnown;
    }

    /**
     * A top-level delegation allowing at most {@code maxDepth} agents in any chain below it
     * (the agents' own limits may be tighter).
     *
     * @throws IllegalArgumentException if {@code maxDepth} is less than 1
     */
    public static Delegation limitedTo(int maxDepth) {
        return new Delegation(List.of(), checked(maxDepth), null);
    }

    /**
     * A delegation received from another process (an A2A peer): the chain and limit it sent,
     * with a stop signal of its own, which {@link #stopped()} reports back after the run.
     *
     * @throws IllegalArgumentException if {@code maxDepth} is less than 1
     */
    public static Delegation of(List<String> chain, int maxDepth) {
        return new Delegation(chain, checked(maxDepth), new AtomicReference<>());
    }

    /**
     * {@link #of(List, int)} for a peer that also sent the provenance of its chain: the sources
     * of untrusted content in its context (see {@link #untrusted()}). Send them on every A2A hop.
     *
     * @throws IllegalArgumentException if {@code maxDepth} is less than 1
     */
    public static Delegation of(List<String> chain, int maxDepth, Collection<String> untrusted) {
        return of(chain, maxDepth).withUntrusted(untrusted);
    }

    /**
     * Where untrusted content in the context of the runs of this chain came from (e.g.
     * {@code tool 'fetch_page'}, {@code blackboard entry research/finding}), sorted; empty when
     * none is known. A run started with a non-empty set is treated as having read it.
     */
    public Set<String> untrusted() {
        return untrusted;
    }

    /**
     * Whether {@link #untrusted()} is a verdict given by the run that made this delegation (every
     * agent run gives one for its tool calls), rather than unknown, as for {@link #NONE} or a
     * delegation made by hand.
     */
    public boolean provenanceKnown() {
        return provenanceKnown;
    }

    /**
     * This delegation carrying {@code sources} of untrusted content as well, with a known
     * provenance; chain, limit and stop signal stay the same.
     */
    public Delegation withUntrusted(Collection<String> sources) {
        if (sources.isEmpty() || untrusted.containsAll(sources)) {
            // nothing new: this delegation as it is (its set already holds every source)
            return provenanceKnown ? this : new Delegation(chain, maxDepth, stop, untrusted, true);
        }
        Set<String> all = new TreeSet<>(untrusted);
        for (String source : sources) {
            all.add(Objects.requireNonNull(source, "source"));
        }
        return new Delegation(chain, maxDepth, stop, Collections.unmodifiableSet(all), true);
    }

    /** Checks a depth limit: at least 1. */
    public static int checked(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("the delegation depth limit must be at least 1, got " + maxDepth);
        }
        return maxDepth;
    }

    /** The names of the agents from the top-level run down to the current one; empty at top level. */
    public List<String> chain() {
        return chain;
    }

    /** How many agents are in the chain. */
    public int depth() {
        return chain.size();
    }

    /** The most agents one chain may hold: the tightest limit of the agents in it. */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * The delegation of a run of {@code agent} started from here: the chain with the agent
     * appended, the tighter of the two limits, and the same stop signal (a new one at top level).
     */
    public Delegation enter(String agent, int agentMaxDepth) {
        Objects.requireNonNull(agent, "agent");
        List<String> longer;
        if (chain.isEmpty()) {
            longer = List.of(agent); // a top-level run: the common case
        } else {
            longer = new ArrayList<>(chain.size() + 1);
            longer.addAll(chain);
            longer.add(agent);
        }
        return new Delegation(longer, Math.min(maxDepth, checked(agentMaxDepth)),
                stop == null ? new AtomicReference<>() : stop, untrusted, provenanceKnown);
    }

    /** Whether starting one more agent from here would exceed the limit. */
    public boolean full() {
        return depth() >= maxDepth;
    }

    /**
     * Refuses to start {@code target} because the chain is {@linkplain #full() full}: stops
     * every run of the tree and returns the reason, which names the chain and tells a model what
     * to do instead.
     */
    public String refuse(String target) {
        String reason = "delegation depth limit of " + maxDepth + " reached: " + String.join(" -> ", chain)
                + "; '" + target + "' was not started. Answer with what you have instead of delegating further.";
        if (stop != null) {
            stop.compareAndSet(null, reason);
        }
        return reason;
    }

    /**
     * Ends every run of this tree before its next model call, with {@code reason}; used when a
     * remote part of the tree reports that it stopped. The first reason wins. No effect on a
     * delegation outside any run ({@link #NONE}, {@link #limitedTo}).
     */
    public void stop(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (stop != null) {
            stop.compareAndSet(null, reason);
        }
    }

    /**
     * Why runs of this tree must end, if they must: a call of the tree was refused for depth, or
     * this chain is already longer than its limit (a run that was started too deep, e.g. by an
     * A2A peer or a tool that did not check {@link #full()}).
     */
    public Optional<String> stopped() {
        if (depth() > maxDepth) {
            String reason = "delegation depth limit of " + maxDepth + " exceeded: " + String.join(" -> ", chain)
                    + "; '" + chain.get(chain.size() - 1) + "' was started too deep";
            if (stop != null) {
                stop.compareAndSet(null, reason);
            }
            return Optional.of(stop == null ? reason : stop.get());
        }
        return stop == null ? Optional.empty() : Optional.ofNullable(stop.get());
    }

    @Override
    public String toString() {
        return "Delegation[" + String.join(" -> ", chain) + ", max " + (maxDepth == Integer.MAX_VALUE ? "none" : maxDepth)
                + (untrusted.isEmpty() ? "" : ", untrusted from " + untrusted) + "]";
    }
}
