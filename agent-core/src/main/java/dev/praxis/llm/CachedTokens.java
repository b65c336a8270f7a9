package dev.praxis.llm;

import dev.langchain4j.model.output.TokenUsage;

import java.lang.reflect.Method;

/**
 * Reads the cached-input token count that OpenAI-style {@link TokenUsage} subclasses carry
 * ({@code inputTokensDetails().cachedTokens()}, a part of the input count), without a
 * compile-time link to the optional provider modules.
 */
final class CachedTokens {

    private CachedTokens() {
    }

    /** Cached input tokens in {@code usage}, or 0 when the provider reports none. */
    static long of(TokenUsage usage) {
        Object details = call(usage, "inputTokensDetails");
        Object cached = details == null ? null : call(details, "cachedTokens");
        return cached instanceof Number n ? n.longValue() : 0;
    }

    private static Object call(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            return m.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
