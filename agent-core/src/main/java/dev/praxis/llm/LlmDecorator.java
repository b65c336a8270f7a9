package dev.praxis.llm;

/**
 * Wraps an {@link LlmClient} to add behaviour around every call: retry, rate limiting,
 * metering, redaction. Decorators compose with {@link LlmClient#with(LlmDecorator)}; the
 * last one applied is the outermost.
 */
@FunctionalInterface
public interface LlmDecorator {

    /** Returns a client that adds this decorator's behaviour around {@code next}. */
    LlmClient decorate(LlmClient next);
}
