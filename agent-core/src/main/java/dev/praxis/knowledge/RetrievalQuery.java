package dev.praxis.knowledge;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to retrieve: the {@code topK} passages most relevant to {@code text}.
 *
 * @param text   the question or topic
 * @param topK   how many passages at most (1..100)
 * @param filter metadata entries every returned passage must have (exact string equality)
 */
public record RetrievalQuery(String text, int topK, Map<String, String> filter) {

    /** Validates and copies. */
    public RetrievalQuery {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a retrieval query needs text");
        }
        if (topK < 1 || topK > 100) {
            throw new IllegalArgumentException("topK must be within 1..100, got " + topK);
        }
        filter = Map.copyOf(filter);
    }

    /** The 4 most relevant passages for {@code text}, unfiltered. */
    public static RetrievalQuery of(String text) {
        return new RetrievalQuery(text, 4, Map.of());
    }

    /** This query returning at most {@code k} passages. */
    public RetrievalQuery topK(int k) {
        return new RetrievalQuery(text, k, filter);
    }

    /** This query also requiring metadata {@code key} = {@code value}. */
    public RetrievalQuery where(String key, String value) {
        Map<String, String> more = new HashMap<>(filter);
        more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new RetrievalQuery(text, topK, more);
    }

    /** Whether {@code metadata} has every entry of the filter. */
    public boolean admits(Map<String, String> metadata) {
        for (Map.Entry<String, String> e : filter.entrySet()) {
            if (!e.getValue().equals(metadata.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
