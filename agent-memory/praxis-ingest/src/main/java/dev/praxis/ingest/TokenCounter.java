package dev.praxis.ingest;

import dev.praxis.ingest.internal.Cl100k;

/**
 * Counts the tokens of a text, the unit chunk sizes are given in. Implementations are
 * thread-safe and count any text, special-token look-alikes included, as ordinary text.
 */
@FunctionalInterface
public interface TokenCounter {

    /** The number of tokens in {@code text}; 0 for the empty string. */
    int count(String text);

    /**
     * OpenAI's {@code cl100k_base} BPE encoding (jtokkit), close to most current models' counts;
     * loading it takes about a second once per process.
     */
    static TokenCounter cl100k() {
        return Cl100k.ENCODING::countTokensOrdinary;
    }
}
