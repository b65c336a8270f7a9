package dev.praxis.llm.local;

import dev.praxis.llm.LlmException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Checks a model file before the native loader sees it, so errors name the real problem. */
final class GgufFiles {

    private static final byte[] MAGIC = {'G', 'G', 'U', 'F'};

    private GgufFiles() {
    }

    /** Throws a clear {@link LlmException} unless {@code file} is a readable file that starts like a GGUF model. */
    static void check(Path file) {
        if (!Files.exists(file)) {
            throw new LlmException("GGUF model file not found: " + file.toAbsolutePath()
                    + " (set PRAXIS_MODEL=gguf:/path/to/model.gguf)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new LlmException("GGUF model path is not a readable file: " + file.toAbsolutePath());
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 4);
            if (n < 4 || !Arrays.equals(head, MAGIC)) {
                throw new LlmException("not a GGUF model file (missing the GGUF header): " + file.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new LlmException("cannot read GGUF model file " + file.toAbsolutePath() + ": " + e.getMessage(), e,
                    false);
        }
    }
}
