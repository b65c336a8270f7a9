package dev.praxis.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a {@link Toolbox}'s calls are governed: approval, limits, per-tool timeouts, gates,
 * interceptors, whether a person approved them already, and which tools run inline. Shared by
 * toolboxes derived with {@code plus}.
 */
record Governance(ApprovalPolicy policy, ApprovalHandler handler, ToolLimits limits,
                  Map<String, Duration> timeouts, List<ToolInterceptor> gates,
                  List<ToolInterceptor> interceptors, boolean approved, Set<String> inline) {

    static final Governance DEFAULT = new Governance(ApprovalPolicy.ALLOW_ALL, ApprovalHandler.NOBODY,
            ToolLimits.DEFAULT, Map.of(), List.of(), List.of(), false, Set.of());

    Governance with(ApprovalPolicy policy, ApprovalHandler handler) {
        return new Governance(policy, handler, limits, timeouts, gates, interceptors, approved, inline);
    }

    Governance with(ToolLimits limits, Map<String, Duration> timeouts) {
        return new Governance(policy, handler, limits, timeouts, gates, interceptors, approved, inline);
    }

    Governance with(List<ToolInterceptor> gates, List<ToolInterceptor> interceptors) {
        return new Governance(policy, handler, limits, timeouts, gates, interceptors, approved, inline);
    }

    Governance inline(Set<String> inline) {
        return new Governance(policy, handler, limits, timeouts, gates, interceptors, approved, inline);
    }

    Governance approvedByPerson() {
        return new Governance(policy, handler, limits, timeouts, gates, interceptors, true, inline);
    }

    /**
     * Both governances: {@code other}'s gates and interceptors after these, the timeouts and
     * inline tools of both; this one's approval and limits win unless it is the default.
     */
    Governance plus(Governance other) {
        Map<String, Duration> allTimeouts = new HashMap<>(other.timeouts);
        allTimeouts.putAll(timeouts);
        List<ToolInterceptor> allGates = new ArrayList<>(gates);
        allGates.addAll(other.gates);
        List<ToolInterceptor> allInterceptors = new ArrayList<>(interceptors);
        allInterceptors.addAll(other.interceptors);
        Set<String> allInline = new HashSet<>(inline);
        allInline.addAll(other.inline);
        Governance mine = this == DEFAULT ? other : this;
        return new Governance(mine.policy, mine.handler, mine.limits, Map.copyOf(allTimeouts),
                List.copyOf(allGates), List.copyOf(allInterceptors), approved || other.approved,
                Set.copyOf(allInline));
    }
}
