package dev.praxis.llm.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run a local GGUF model.
 *
 * @param file        the {@code .gguf} file
 * @param contextSize tokens of context (prompt plus answer)
 * @param threads     CPU threads for generation
 * @param seed        sampling seed: the same seed, prompt and settings give the same text
 * @param temperature sampling temperature when the request sets none (0 is greedy)
 * @param maxTokens   tokens to generate when the request sets no limit
 * @param chatTemplate a llama.cpp built-in template name ({@code "llama2"}, {@code "chatml"}, ...) that
 *                    replaces the file's own; {@code ""} to run the Jinja template in the file's
 *                    {@code tokenizer.chat_template} metadata as written. ChatML is used when the file
 *                    has no template or its template does not parse (llama.cpp logs that as an error)
 */
public record LocalOptions(Path file, int contextSize, int threads, int seed, double temperature, int maxTokens,
                           String chatTemplate) {

    /** Rejects nonsense values. */
    public LocalOptions {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(chatTemplate, "chatTemplate");
        if (contextSize < 16 || threads < 1 || maxTokens < 1 || temperature < 0) {
            throw new IllegalArgumentException("invalid local model options: contextSize=" + contextSize
                    + ", threads=" + threads + ", maxTokens=" + maxTokens + ", temperature=" + temperature);
        }
    }

    /** Defaults for {@code file}: 2048 context, up to 4 threads, seed 42, temperature 0.7, 512 tokens. */
    public static LocalOptions of(Path file) {
        return new LocalOptions(file, 2048, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 42,
                0.7, 512, "");
    }

    /** These options with another seed. */
    public LocalOptions withSeed(int newSeed) {
        return new LocalOptions(file, contextSize, threads, newSeed, temperature, maxTokens, chatTemplate);
    }

    /** These options with another default answer length. */
    public LocalOptions withMaxTokens(int tokens) {
        return new LocalOptions(file, contextSize, threads, seed, temperature, tokens, chatTemplate);
    }

    /** These options with a built-in chat template instead of the file's. */
    public LocalOptions withChatTemplate(String template) {
        return new LocalOptions(file, contextSize, threads, seed, temperature, maxTokens, template);
    }

    /** These options with another context size. */
    public LocalOptions withContextSize(int tokens) {
        return new LocalOptions(file, tokens, threads, seed, temperature, maxTokens, chatTemplate);
    }
}
