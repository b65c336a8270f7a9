package dev.praxis.memory.internal;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * LangChain4j metadata filters evaluated on Praxis's string metadata: a value compares as a number
 * when the filter's value is a number and the stored string parses as one, else as text; a missing
 * key matches only negations. Not API.
 */
public final class MetadataFilters {

    private MetadataFilters() {
    }

    /** Whether {@code metadata} passes {@code filter}; {@code null} passes everything. */
    public static boolean test(Filter filter, Map<String, String> metadata) {
        if (filter == null) {
            return true;
        }
        if (filter instanceof And f) {
            return test(f.left(), metadata) && test(f.right(), metadata);
        }
        if (filter instanceof Or f) {
            return test(f.left(), metadata) || test(f.right(), metadata);
        }
        if (filter instanceof Not f) {
            return !test(f.expression(), metadata);
        }
        if (filter instanceof IsEqualTo f) {
            return equal(metadata.get(f.key()), f.comparisonValue());
        }
        if (filter instanceof IsNotEqualTo f) {
            return !equal(metadata.get(f.key()), f.comparisonValue());
        }
        if (filter instanceof IsIn f) {
            return in(metadata.get(f.key()), f.comparisonValues());
        }
        if (filter instanceof IsNotIn f) {
            return !in(metadata.get(f.key()), f.comparisonValues());
        }
        if (filter instanceof ContainsString f) {
            String v = metadata.get(f.key());
            return v != null && v.contains(f.comparisonValue());
        }
        if (filter instanceof IsGreaterThan f) {
            return compare(metadata.get(f.key()), f.comparisonValue()).map(c -> c > 0).orElse(false);
        }
        if (filter instanceof IsGreaterThanOrEqualTo f) {
            return compare(metadata.get(f.key()), f.comparisonValue()).map(c -> c >= 0).orElse(false);
        }
        if (filter instanceof IsLessThan f) {
            return compare(metadata.get(f.key()), f.comparisonValue()).map(c -> c < 0).orElse(false);
        }
        if (filter instanceof IsLessThanOrEqualTo f) {
            return compare(metadata.get(f.key()), f.comparisonValue()).map(c -> c <= 0).orElse(false);
        }
        throw new IllegalArgumentException("the metadata filter " + filter.getClass().getSimpleName()
                + " is not supported over a Praxis VectorStore");
    }

    /** The filter as key/value equalities when it is nothing but a conjunction of them, else empty. */
    public static Optional<Map<String, String>> equalities(Filter filter) {
        Map<String, String> out = new LinkedHashMap<>();
        return collect(filter, out) ? Optional.of(out) : Optional.empty();
    }

    private static boolean collect(Filter filter, Map<String, String> out) {
        if (filter == null) {
            return true;
        }
        if (filter instanceof And f) {
            return collect(f.left(), out) && collect(f.right(), out);
        }
        if (filter instanceof IsEqualTo f && (f.comparisonValue() instanceof String
                || f.comparisonValue() instanceof Integer || f.comparisonValue() instanceof Long
                || f.comparisonValue() instanceof java.util.UUID)) {
            String value = f.comparisonValue().toString();
            return out.putIfAbsent(f.key(), value) == null || out.get(f.key()).equals(value);
        }
        return false;
    }

    private static boolean equal(String stored, Object value) {
        return compare(stored, value).map(c -> c == 0).orElse(false);
    }

    private static boolean in(String stored, Collection<?> values) {
        return values.stream().anyMatch(v -> equal(stored, v));
    }

    private static Optional<Integer> compare(String stored, Object value) {
        if (stored == null) {
            return Optional.empty();
        }
        if (value instanceof Number n) {
            try {
                return Optional.of(Double.compare(Double.parseDouble(stored), n.doubleValue()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(stored.compareTo(String.valueOf(value)));
    }
}
