package dev.praxis.store.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * In-process embeddings: nothing leaves the machine. The default model is all-MiniLM-L6-v2
 * (384 dimensions, ONNX, shipped inside its jar). Any LangChain4j {@link EmbeddingModel} can
 * be used instead wherever Praxis takes one.
 *
 * <p>The ONNX tokenizer library (DJL) would otherwise try to reach the network for telemetry;
 * {@link #allMiniLm()} sets the system properties {@code ai.djl.offline} and
 * {@code OPT_OUT_TRACKING} to {@code true} unless the application set them. Launchers should
 * also export the environment variable {@code OPT_OUT_TRACKING=true}.
 */
public final class LocalEmbeddings {

    /** The dimension of {@link #allMiniLm()} vectors. */
    public static final int MINILM_DIMENSION = 384;

    private LocalEmbeddings() {
    }

    /** A new all-MiniLM-L6-v2 model (loads about 90 MB; share one instance per process). Thread-safe. */
    public static EmbeddingModel allMiniLm() {
        keepOffline();
        return new AllMiniLmL6V2EmbeddingModel();
    }

    /** Sets the properties that keep DJL from phoning home, unless already set. */
    public static void keepOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }
}
