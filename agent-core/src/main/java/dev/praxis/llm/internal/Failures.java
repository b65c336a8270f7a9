package dev.praxis.llm.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.praxis.PraxisException;
import dev.praxis.llm.LlmException;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** Classifies model-call failures as transient or permanent. Not part of the public API. */
public final class Failures {

    private Failures() {
    }

    /**
     * Whether trying again may succeed: a Praxis exception says so itself; otherwise HTTP 408,
     * 429 and 5xx, timeouts and I/O failures (connection reset, refused) anywhere in the cause
     * chain are transient, and everything else is not.
     */
    public static boolean isRetriable(Throwable error) {
        if (error instanceof PraxisException praxis) {
            return praxis.isRetriable();
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http) {
                return isRetriableStatus(http.statusCode());
            }
            if (t instanceof NonRetriableException) {
                return false;
            }
            if (t instanceof RetriableException || t instanceof TimeoutException
                    || t instanceof HttpTimeoutException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** HTTP 408, 425, 429 and every 5xx. */
    public static boolean isRetriableStatus(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /** The server's {@code Retry-After} carried by {@code error}, if any. */
    public static Optional<Duration> retryAfter(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LlmException llm && llm.retryAfter().isPresent()) {
                return llm.retryAfter();
            }
            if (t instanceof ProviderHttpException http && http.retryAfter().isPresent()) {
                return http.retryAfter();
            }
        }
        return Optional.empty();
    }
}
