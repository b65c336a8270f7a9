package dev.praxis.examples.offline;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.praxis.examples.Models;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;

/**
 * The in-process all-MiniLM-L6-v2 sentence embedding model (384 dimensions), loaded once on
 * first use and shared: embedding a sentence takes a few milliseconds. Runs on the CPU inside
 * the JVM; nothing is downloaded and nothing leaves the machine.
 *
 * <p>The model ships inside a jar, compressed (90 MB). Reading it from there costs about half a
 * second of CPU and 300 MB of heap on every start, so the first start copies it to a cache
 * folder ({@code praxis.models} system property, default {@code ~/.praxis/models}; the file
 * name carries the jar entry's CRC, so another model version gets another file) and later
 * starts open that file. The embeddings are the same either way. If the folder cannot be used,
 * the model is read from the jar as before.
 *
 * <p>ONNX runtime's worker threads spin between operators by default. For one short sentence at
 * a time that keeps a second core busy for nothing (150 sentences: 3.6 s of CPU instead of 2.4 s,
 * and several times the wall time on a busy machine), so the session here does not spin.
 */
public final class MiniLm {

    private static final Logger LOG = LoggerFactory.getLogger(MiniLm.class);
    private static final String MODEL = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

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

    /** The folder the model is copied to. */
    static Path folder() {
        String configured = System.getProperty("praxis.models");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".praxis", "models");
    }

    private static EmbeddingModel load() {
        Models.stayOffline();
        Path folder = folder();
        try {
            return open(file(MODEL, folder), file(TOKENIZER, folder));
        } catch (IOException | OrtException | RuntimeException e) {
            LOG.warn("cannot use the model folder {} ({}); reading the model from its jar", folder, e.toString());
            return new AllMiniLmL6V2EmbeddingModel();
        }
    }

    /** The model in {@code model}, tokenizing with {@code tokenizer}; mean pooling, as all-MiniLM-L6-v2 is used. */
    static EmbeddingModel open(Path model, Path tokenizer) throws IOException, OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        OrtSession session = environment.createSession(model.toString(), options);
        try (InputStream in = Files.newInputStream(tokenizer)) {
            return new Loaded(new OnnxBertBiEncoder(environment, session, in, PoolingMode.MEAN));
        }
    }

    /** The encoder as a LangChain4j embedding model (texts of a batch are embedded on the model's executor). */
    private static final class Loaded extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Loaded(OnnxBertBiEncoder encoder) {
            super(null);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }

    /** {@code resource} as a file: itself when it is one, else its copy in {@code folder}. */
    static Path file(String resource, Path folder) throws IOException {
        URL url = AllMiniLmL6V2EmbeddingModel.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException(resource + " is not on the class path");
        }
        if (url.getProtocol().equals("file")) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("unusable location " + url, e);
            }
        }
        JarEntry entry = ((JarURLConnection) url.openConnection()).getJarEntry();
        String name = resource.replaceFirst("(\\.[a-z]+)$", "-" + Long.toHexString(entry.getCrc()) + "$1");
        Path copy = folder.resolve(name);
        if (Files.isRegularFile(copy) && Files.size(copy) == entry.getSize()) {
            return copy;
        }
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, name, ".part");
        try (InputStream in = url.openStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return copy;
    }

    private static final class Holder {
        static final EmbeddingModel MODEL = load();
    }
}
