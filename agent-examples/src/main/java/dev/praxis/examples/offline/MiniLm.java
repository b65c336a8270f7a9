package dev.praxis.examples.offline;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.praxis.examples.Models;

/**
 * The in-process all-MiniLM-L6-v2 sentence embedding model (384 dimensions), loaded once on
 * first use and shared: loading takes about a second, embedding a sentence a few milliseconds.
 * Runs on the CPU inside the JVM; nothing is downloaded and nothing leaves the machine.
 */
public final class MiniLm {

    private MiniLm() {
    }

    /** The shared model; thread-safe. */
    public static EmbeddingModel model() {
        return Holder.MODEL;
    }

    /** The embedding of {@code text}. */
    public static Embedding embed(String text) {
        return Holder.MODEL.embed(text).content();
    }

    private static final class Holder {
        static {
            Models.stayOffline();
        }

        static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
    }
}
