package dev.praxis.ingest;

import dev.praxis.ingest.internal.TokenWindows;
import dev.praxis.memory.Chunk;
import dev.praxis.memory.Chunking;
import dev.praxis.memory.Document;

import java.util.List;
import java.util.Objects;

/**
 * Cuts a document's text into windows of at most {@code maxTokens} tokens, each repeating up to
 * {@code overlapTokens} tokens of the one before, so a sentence cut at a boundary is whole in one
 * of them. Cuts fall between words (a single word longer than a window is cut inside). Ignores
 * headings and pages; {@link StructureChunker} keeps them. Deterministic and thread-safe.
 */
public final class TokenChunker implements Chunking {

    private final int maxTokens;
    private final int overlapTokens;
    private final TokenWindows windows;

    private TokenChunker(int maxTokens, int overlapTokens, TokenCounter counter) {
        check(maxTokens, overlapTokens);
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
        this.windows = new TokenWindows(Objects.requireNonNull(counter, "counter"), maxTokens, overlapTokens);
    }

    /**
     * Windows of {@code maxTokens} {@code cl100k_base} tokens overlapping by {@code overlapTokens}.
     * Requires {@code maxTokens >= 16} and {@code 0 <= overlapTokens < maxTokens / 2}.
     */
    public static TokenChunker of(int maxTokens, int overlapTokens) {
        return new TokenChunker(maxTokens, overlapTokens, TokenCounter.cl100k());
    }

    /** This chunker counting tokens with {@code tokens}. */
    public TokenChunker counting(TokenCounter tokens) {
        return new TokenChunker(maxTokens, overlapTokens, tokens);
    }

    @Override
    public List<Chunk> chunk(Document document) {
        return windows.split(document.text().replace('\f', '\n')).stream().map(Chunk::of).toList();
    }

    static void check(int maxTokens, int overlapTokens) {
        if (maxTokens < 16) {
            throw new IllegalArgumentException("maxTokens must be at least 16, got " + maxTokens);
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("overlapTokens must be within 0.." + (maxTokens / 2 - 1)
                    + ", got " + overlapTokens);
        }
    }

    @Override
    public String toString() {
        return "TokenChunker[maxTokens=" + maxTokens + ", overlapTokens=" + overlapTokens + "]";
    }
}
