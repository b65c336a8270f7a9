package dev.praxis.llm.internal;

import dev.langchain4j.exception.HttpException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An HTTP error status from a model server, keeping the {@code Retry-After} header that
 * LangChain4j's own {@link HttpException} drops.
 */
public final class ProviderHttpException extends HttpException {

    private static final long serialVersionUID = 1L;
    private static final long MAX_SECONDS = 86_400;

    private final transient Duration retryAfter;

    /** An error response with status {@code status}, body {@code body} and an optional wait hint. */
    public ProviderHttpException(int status, String body, Duration retryAfter) {
        super(status, body);
        this.retryAfter = retryAfter;
    }

    /** The wait the server asked for. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Parses a {@code Retry-After} value: delta-seconds or an HTTP date relative to {@code now}.
     * Returns empty for a missing, malformed, negative or absurd (over a day) value.
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            if (seconds < 0 || seconds > MAX_SECONDS || Double.isNaN(seconds)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) (seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                if (wait.isNegative()) {
                    return Optional.of(Duration.ZERO);
                }
                return wait.getSeconds() > MAX_SECONDS ? Optional.empty() : Optional.of(wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
