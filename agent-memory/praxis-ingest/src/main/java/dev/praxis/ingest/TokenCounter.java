package dev.praxis.ingest;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

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

    /** Holds the encoding, loaded on first use. */
    final class Cl100k {
        private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

        private Cl100k() {
        }
    }
}
