package dev.praxis.memory.internal;

import dev.praxis.memory.ScoredRecord;
import dev.praxis.memory.Vectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rank combinators of hybrid recall: reciprocal rank fusion and maximal marginal relevance. */
public final class Ranking {

    /** The usual RRF constant: it damps the weight of the very first ranks. */
    public static final int RRF_K = 60;

    private Ranking() {
    }

    /**
     * Reciprocal rank fusion of rankings of record ids (each best first): the score of an id is
     * the sum over rankings of {@code 1 / (RRF_K + rank)}, divided by its largest possible value
     * (first in every ranking), so it lies in 0..1. Best first; ties keep first-seen order.
     */
    public static Map<String, Double> fuse(List<List<String>> rankings) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<String> ranking : rankings) {
            for (int i = 0; i < ranking.size(); i++) {
                scores.merge(ranking.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
            }
        }
        double best = rankings.size() / (double) (RRF_K + 1);
        Map<String, Double> sorted = new LinkedHashMap<>();
        scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue() / best));
        return sorted;
    }

    /**
     * Maximal marginal relevance: picks {@code k} of {@code pool} (best first) one at a time, each
     * maximising {@code (1 - diversity) * relevance - diversity * max cosine to the picked ones},
     * relevance being the pool's scores scaled to 0..1. Returns the picks in order, with their
     * original scores.
     */
    public static List<ScoredRecord> mmr(List<ScoredRecord> pool, int k, double diversity) {
        if (pool.isEmpty()) {
            return List.of();
        }
        double max = pool.stream().mapToDouble(ScoredRecord::score).max().orElse(1);
        double min = pool.stream().mapToDouble(ScoredRecord::score).min().orElse(0);
        double span = max - min;
        List<ScoredRecord> left = new ArrayList<>(pool);
        List<ScoredRecord> picked = new ArrayList<>();
        while (picked.size() < k && !left.isEmpty()) {
            ScoredRecord best = null;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (ScoredRecord candidate : left) {
                double relevance = span == 0 ? 1 : (candidate.score() - min) / span;
                double redundancy = 0;
                for (ScoredRecord chosen : picked) {
                    redundancy = Math.max(redundancy, Vectors.cosine(candidate.record().vector(),
                            chosen.record().vector()));
                }
                double value = (1 - diversity) * relevance - diversity * redundancy;
                if (value > bestValue) {
                    best = candidate;
                    bestValue = value;
                }
            }
            picked.add(best);
            left.remove(best);
        }
        return List.copyOf(picked);
    }

    /** {@code records} best first by score. */
    public static List<ScoredRecord> byScore(List<ScoredRecord> records) {
        List<ScoredRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingDouble(ScoredRecord::score).reversed());
        return sorted;
    }
}
