package dev.praxis.llm.local;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the tiny GGUF files in ../shared/models (relative to the repository root). */
final class TestModels {

    static final String STORIES = "stories260K.gguf";
    static final String LLAMA2_RANDOM = "llama-2-tiny-random.gguf";

    private TestModels() {
    }

    /** The model file, or the test is skipped (failed under CI=true) with the reason. */
    static Path require(String name) {
        for (Path candidate : List.of(Path.of("../shared/models", name), Path.of("../../shared/models", name),
                Path.of("../../../shared/models", name))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        String reason = "GGUF test model " + name + " not found in ../shared/models (see shared/models/README.md)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(reason);
        }
        Assumptions.abort(reason);
        return null;
    }
}
