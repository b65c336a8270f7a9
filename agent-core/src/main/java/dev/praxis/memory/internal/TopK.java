package dev.praxis.memory.internal;

import dev.praxis.memory.ScoredRecord;
import dev.praxis.memory.VectorQuery;
import dev.praxis.memory.VectorRecord;
import dev.praxis.memory.Vectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Exact nearest-neighbour selection: offer every candidate, keep the best {@code limit} at or
 * above the minimum score. Not thread-safe; one instance per search.
 */
public final class TopK {

    private static final Comparator<ScoredRecord> BY_SCORE = Comparator.comparingDouble(ScoredRecord::score);

    private final VectorQuery query;
    private final PriorityQueue<ScoredRecord> heap;

    /** An empty selection for {@code query}. */
    public TopK(VectorQuery query) {
        this.query = query;
        this.heap = new PriorityQueue<>(query.limit() + 1, BY_SCORE);
    }

    /** Scores {@code record} if the query admits it, and keeps it if it is among the best so far. */
    public void offer(VectorRecord record) {
        if (!query.admits(record)) {
            return;
        }
        double score = Vectors.cosine(query.vector(), record.vector());
        if (score < query.minScore()) {
            return;
        }
        if (heap.size() < query.limit()) {
            heap.add(new ScoredRecord(record, score));
        } else if (score > heap.peek().score()) {
            heap.poll();
            heap.add(new ScoredRecord(record, score));
        }
    }

    /** The kept records, best first. */
    public List<ScoredRecord> best() {
        List<ScoredRecord> result = new ArrayList<>(heap);
        result.sort(BY_SCORE.reversed());
        return result;
    }
}
