package dev.praxis.testing;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;
import java.util.Locale;

/**
 * A deterministic bag-of-words embedding (feature hashing into 64 dimensions, L2-normalised):
 * texts sharing words are similar, texts sharing none are orthogonal. Lets store tests reason
 * about similarity without loading a neural model.
 */
public final class HashingEmbeddingModel implements EmbeddingModel {

    /** The dimension of every vector. */
    public static final int DIMENSION = 64;

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return Response.from(segments.stream().map(s -> Embedding.from(vector(s.text()))).toList());
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    /** The embedding of {@code text}. */
    public static float[] vector(String text) {
        float[] v = new float[DIMENSION];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                v[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
        }
        return v;
    }
}
