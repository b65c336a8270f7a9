package dev.praxis.tools.a2a;

import dev.praxis.agent.AgentResult;
import dev.praxis.knowledge.Passage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a served run's answer was made from, as metadata of the answer artifact: the passages it
 * cites ({@code "praxis.citations"}) and the sources of untrusted content in its context
 * ({@code "praxis.untrusted"}, always sent, empty when none), so a calling agent keeps
 * {@link AgentResult#citations()} and {@link AgentResult#untrusted()} across the hop.
 *
 * <p>Read back fail-closed: a peer that sends no provenance (not a Praxis server), or sends it
 * malformed, makes the answer untrusted with the source {@code remote agent '<name>'}. Malformed
 * citations are left out with a warning; the answer itself is kept.
 */
final class ResultMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(ResultMetadata.class);

    /** Artifact metadata key: the sources of untrusted content the answer was made from. */
    static final String UNTRUSTED = "praxis.untrusted";
    /** Artifact metadata key: the passages the answer cites. */
    static final String CITATIONS = "praxis.citations";
    private static final Pattern SOURCE = Pattern.compile("[^\\p{Cntrl}]{1,256}");
    private static final int MAX_SOURCES = 64;
    private static final int MAX_CITATIONS = 64;

    private ResultMetadata() {
    }

    /** The metadata of {@code result}'s answer artifact. */
    static Map<String, Object> of(AgentResult result) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(UNTRUSTED, result.untrusted().stream().limit(MAX_SOURCES)
                .map(source -> source.length() > 256 ? source.substring(0, 256) : source).toList());
        if (!result.citations().isEmpty()) {
            List<Map<String, Object>> cited = new ArrayList<>();
            for (Passage passage : result.citations().subList(0, Math.min(MAX_CITATIONS, result.citations().size()))) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("id", passage.sourceId());
                p.put("document", passage.documentId());
                p.put("text", passage.text());
                p.put("score", passage.score());
                p.put("metadata", passage.metadata());
                cited.add(p);
            }
            metadata.put(CITATIONS, cited);
        }
        return metadata;
    }

    /**
     * The untrusted sources a peer named in {@code metadata}; {@code remote agent '<peer>'} when it
     * named none or named them malformed.
     */
    static Set<String> untrusted(Map<String, Object> metadata, String peer) {
        Object sent = metadata == null ? null : metadata.get(UNTRUSTED);
        Set<String> unknown = Set.of("remote agent '" + peer + "'");
        if (!(sent instanceof List<?> list) || list.size() > MAX_SOURCES) {
            if (sent != null) {
                LOG.warn("remote agent '{}' sent malformed provenance; its answer counts as untrusted", peer);
            }
            return unknown;
        }
        Set<String> sources = new TreeSet<>();
        for (Object source : list) {
            if (!(source instanceof String text) || !SOURCE.matcher(text).matches()) {
                LOG.warn("remote agent '{}' sent a malformed untrusted source; its answer counts as untrusted", peer);
                return unknown;
            }
            sources.add(text);
        }
        return sources;
    }

    /** The passages a peer cited in {@code metadata}; malformed ones are left out with a warning. */
    static List<Passage> citations(Map<String, Object> metadata, String peer) {
        Object sent = metadata == null ? null : metadata.get(CITATIONS);
        if (sent == null) {
            return List.of();
        }
        if (!(sent instanceof List<?> list) || list.size() > MAX_CITATIONS) {
            LOG.warn("remote agent '{}' sent malformed citations; they are left out", peer);
            return List.of();
        }
        List<Passage> passages = new ArrayList<>();
        for (Object item : list) {
            try {
                passages.add(passage(item));
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                LOG.warn("remote agent '{}' sent a malformed citation, left out: {}", peer, e.getMessage());
            }
        }
        return passages;
    }

    private static Passage passage(Object item) {
        Map<?, ?> p = (Map<?, ?>) item;
        Map<String, String> metadata = new LinkedHashMap<>();
        if (p.get("metadata") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
        }
        Object score = p.get("score");
        return new Passage((String) p.get("id"), (String) p.get("document"), (String) p.get("text"),
                score instanceof Number n ? n.doubleValue() : 0.0, metadata);
    }
}
