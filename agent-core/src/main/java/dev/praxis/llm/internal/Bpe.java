package dev.praxis.llm.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.praxis.PraxisException;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * BPE token counts through jtokkit, an optional dependency of agent-core: every use of jtokkit
 * goes through here, so the rest of core loads without it. Not part of the public API.
 */
public final class Bpe {

    /** The coordinates a user adds for exact token counts. */
    public static final String ARTIFACT = "com.knuddels:jtokkit";

    private static final boolean PRESENT = present();

    private Bpe() {
    }

    /** Whether jtokkit is on the class path. */
    public static boolean available() {
        return PRESENT;
    }

    /**
     * Exact counts in {@code model}'s own encoding if jtokkit knows it, else cl100k_base; without
     * jtokkit, an estimate of one token per four bytes of UTF-8 (near cl100k_base's average on
     * English text, above it on most other scripts).
     */
    public static ToIntFunction<String> forModel(String model) {
        return PRESENT ? Registry.forModel(model) : Bpe::estimate;
    }

    /**
     * Exact counts in the encoding named {@code name} (for example {@code cl100k_base}).
     *
     * @throws PraxisException naming the coordinates to add when jtokkit is absent
     */
    public static ToIntFunction<String> encoding(String name, String neededBy) {
        if (!PRESENT) {
            throw new PraxisException(neededBy + " counts tokens with " + ARTIFACT
                    + " (an optional dependency of agent-core; version managed by dev.praxis:praxis-bom): add it to your build");
        }
        return Registry.named(name);
    }

    private static int estimate(String text) {
        return (text.getBytes(StandardCharsets.UTF_8).length + 3) / 4;
    }

    private static boolean present() {
        try {
            Class.forName("com.knuddels.jtokkit.Encodings", false, Bpe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when jtokkit is present; each encoding loads once per process (about a second). */
    private static final class Registry {
        private static final EncodingRegistry ENCODINGS = Encodings.newLazyEncodingRegistry();

        static ToIntFunction<String> forModel(String model) {
            Optional<Encoding> own = model != null ? ENCODINGS.getEncodingForModel(model) : Optional.empty();
            return counter(own.orElseGet(() -> ENCODINGS.getEncoding(EncodingType.CL100K_BASE)));
        }

        static ToIntFunction<String> named(String name) {
            return counter(ENCODINGS.getEncoding(name).orElseThrow(
                    () -> new IllegalArgumentException("jtokkit has no encoding named " + name)));
        }

        // ordinary: text such as "<|endoftext|>" (from a hostile page, say) is text here, not a control token
        private static ToIntFunction<String> counter(Encoding encoding) {
            return encoding::countTokensOrdinary;
        }
    }
}
