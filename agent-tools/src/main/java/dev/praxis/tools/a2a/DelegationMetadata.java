package dev.praxis.tools.a2a;

import dev.praxis.tool.Delegation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The delegation chain as A2A message metadata ({@code "praxis.delegation": {"chain": [...],
 * "maxDepth": n, "untrusted": [...]}}), so agents calling each other across servers still stop at
 * the depth limit and a served run is gated like its tainted caller (the sources of untrusted
 * content in the caller's context travel with the request), and the served run's stop reason as
 * status-message metadata ({@code "praxis.delegationStopped"}).
 */
final class DelegationMetadata {

    /** Message metadata key carrying the delegation chain and its depth limit. */
    static final String DELEGATION = "praxis.delegation";
    /** Status-message metadata key: why the delegation tree of the served run was stopped. */
    static final String STOPPED = "praxis.delegationStopped";
    private static final Pattern AGENT_NAME = Pattern.compile("[^\\p{Cntrl}]{1,128}");
    private static final int MAX_CHAIN = 256;
    private static final Pattern SOURCE = Pattern.compile("[^\\p{Cntrl}]{1,256}");
    private static final int MAX_SOURCES = 64;

    private DelegationMetadata() {
    }

    /** The metadata that carries {@code delegation}; empty for a request nobody delegated. */
    static Map<String, Object> of(Delegation delegation) {
        Map<String, Object> metadata = new HashMap<>();
        if (delegation.depth() > 0 || delegation.maxDepth() != Integer.MAX_VALUE || !delegation.untrusted().isEmpty()) {
            Map<String, Object> carried = new HashMap<>();
            carried.put("chain", List.copyOf(delegation.chain()));
            if (delegation.maxDepth() != Integer.MAX_VALUE) {
                carried.put("maxDepth", delegation.maxDepth());
            }
            if (!delegation.untrusted().isEmpty()) {
                carried.put("untrusted", delegation.untrusted().stream().limit(MAX_SOURCES)
                        .map(source -> source.length() > 256 ? source.substring(0, 256) : source).toList());
            }
            metadata.put(DELEGATION, carried);
        }
        return metadata;
    }

    /**
     * The delegation a peer sent in a message's {@code metadata}: {@link Delegation#NONE} without
     * one, or empty when it is malformed (not a list of at most 256 names of 1-128 characters,
     * with an optional positive limit and an optional list of at most 64 untrusted sources of
     * 1-256 characters).
     */
    static Optional<Delegation> read(Map<String, ?> metadata) {
        Object carried = metadata == null ? null : metadata.get(DELEGATION);
        if (carried == null) {
            return Optional.of(Delegation.NONE);
        }
        if (!(carried instanceof Map<?, ?> fields) || !(fields.get("chain") instanceof List<?> chain)
                || chain.size() > MAX_CHAIN) {
            return Optional.empty();
        }
        Object max = fields.get("maxDepth");
        if (max != null && !(max instanceof Integer limit && limit >= 1)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(chain.size());
        for (Object name : chain) {
            if (!(name instanceof String text) || !AGENT_NAME.matcher(text).matches()) {
                return Optional.empty();
            }
            names.add(text);
        }
        Object sources = fields.get("untrusted");
        List<String> untrusted = new ArrayList<>();
        if (sources != null) {
            if (!(sources instanceof List<?> list) || list.size() > MAX_SOURCES) {
                return Optional.empty();
            }
            for (Object source : list) {
                if (!(source instanceof String text) || !SOURCE.matcher(text).matches()) {
                    return Optional.empty();
                }
                untrusted.add(text);
            }
        }
        return Optional.of(Delegation.of(names, max == null ? Integer.MAX_VALUE : (Integer) max, untrusted));
    }
}
