package dev.praxis.spring;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a web test's application talks to: a loopback OpenAI-compatible model that requires
 * {@code apiKey}, and a fresh SQLite database in a temporary folder. Register it from a
 * {@code @DynamicPropertySource} method and close it in {@code @AfterAll}.
 */
final class LoopbackBackends implements AutoCloseable {

    private final FakeOpenAi model;
    private final Path folder;

    LoopbackBackends(String apiKey) {
        this.model = new FakeOpenAi().requireKey(apiKey);
        try {
            this.folder = Files.createTempDirectory("praxis-web-test");
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException(e);
        }
    }

    /** The model server, for scripting replies and reading requests. */
    FakeOpenAi model() {
        return model;
    }

    /** Points {@code praxis.base-url} at the model and {@code spring.datasource.url} at the database. */
    void register(DynamicPropertyRegistry registry) {
        registry.add("praxis.base-url", model::baseUrl);
        registry.add("spring.datasource.url", () -> "jdbc:sqlite:" + folder.resolve("app.db"));
    }

    @Override
    public void close() throws IOException {
        model.close();
        FileSystemUtils.deleteRecursively(folder);
    }
}
