package dev.praxis.llm.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.praxis.llm.Deadline;
import dev.praxis.llm.IncompleteResponseException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * LangChain4j's HTTP seam on the JDK client, keeping what its stock client drops: an error
 * response's {@code Retry-After} travels in a {@link ProviderHttpException}. Streams are read on
 * a daemon thread; closing the stream (LangChain4j's cancel) ends the read.
 *
 * <p>The read timeout bounds the wait for the headers and every gap in the body (blocking or
 * streamed), which fail as a retriable {@link TimeoutException}; the caller's {@link Deadline}
 * bounds the whole exchange and fails it with its {@code DeadlineExceededException}.
 */
public final class ProviderHttpClient implements HttpClient {

    private final java.net.http.HttpClient jdk;
    private final Duration readTimeout;

    private ProviderHttpClient(Builder builder) {
        this.jdk = java.net.http.HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .executor(DaemonThreads.CALLS)
                .build();
        this.readTimeout = builder.readTimeout;
    }

    /** A builder with 10 s connect and 60 s read timeouts. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        Deadline deadline = Deadline.current().orElse(null);
        failIfExpired(deadline, "before the request to " + hostOf(request) + " was sent");
        BodyWatch<byte[]>[] watch = watchSlot();
        try {
            HttpResponse<byte[]> response = jdk.send(toJdk(request, deadline), info -> watch[0] = new BodyWatch<>(
                    HttpResponse.BodySubscribers.ofByteArray(), readTimeout, deadline, hostOf(request)));
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                throw error(response, body);
            }
            if (isHtml(response)) {
                throw html(body);
            }
            return SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).body(body).build();
        } catch (HttpTimeoutException e) {
            throw headersTimedOut(deadline, request, e);
        } catch (IOException e) {
            if (watch[0] != null && watch[0].failure().isPresent()) {
                throw watch[0].failure().get();
            }
            throw new CompletionException("HTTP request to " + hostOf(request) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException("interrupted during the HTTP request", e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        Deadline deadline = Deadline.current().orElse(null);
        StreamEnd end = StreamEnd.current();
        if (deadline != null && deadline.expired()) {
            listener.onError(deadline.exceeded("before the request to " + hostOf(request) + " was sent"));
            return;
        }
        BodyWatch<InputStream>[] watch = watchSlot();
        jdk.sendAsync(toJdk(request, deadline), info -> watch[0] = new BodyWatch<>(
                        HttpResponse.BodySubscribers.ofInputStream(), readTimeout, deadline, hostOf(request)))
                .thenAccept(response -> consume(response, parser, watched(listener, watch[0], end), end))
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    listener.onError(cause instanceof HttpTimeoutException
                            ? headersTimedOut(deadline, request, (HttpTimeoutException) cause) : cause);
                    return null;
                });
    }

    private static void consume(HttpResponse<InputStream> response, ServerSentEventParser parser,
                                ServerSentEventListener listener, StreamEnd end) {
        try (InputStream body = response.body()) {
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                listener.onError(error(response, new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                return;
            }
            if (isHtml(response)) {
                listener.onError(html(new String(body.readNBytes(2000), StandardCharsets.UTF_8)));
                return;
            }
            listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).build());
            parser.parse(body, listener);
            listener.onClose();
            if (end != null) {
                end.closed();
            }
        } catch (IOException | RuntimeException e) {
            listener.onError(e);
        }
    }

    /**
     * {@code listener}, its errors replaced by what the watch cut the body for, if it did, and an
     * event the provider could not read reported to {@code end} (nullable).
     */
    private static ServerSentEventListener watched(ServerSentEventListener listener, BodyWatch<InputStream> watch,
                                                   StreamEnd end) {
        return new ServerSentEventListener() {
            @Override
            public void onOpen(SuccessfulHttpResponse response) {
                listener.onOpen(response);
            }

            @Override
            public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                try {
                    listener.onEvent(event, context);
                } catch (RuntimeException e) {
                    unreadable(e);
                }
            }

            @Override
            public void onEvent(ServerSentEvent event) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    unreadable(e);
                }
            }

            private void unreadable(RuntimeException e) {
                if (end != null) {
                    end.unreadable(e);
                }
                throw e;
            }

            @Override
            public void onError(Throwable error) {
                listener.onError(watch != null && watch.failure().isPresent() ? watch.failure().get() : error);
            }

            @Override
            public void onClose() {
                if (watch != null && watch.failure().isPresent()) {
                    listener.onError(watch.failure().get());
                } else {
                    listener.onClose();
                }
            }
        };
    }

    private static boolean isHtml(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").map(t -> t.toLowerCase(Locale.ROOT))
                .filter(t -> t.startsWith("text/html")).isPresent();
    }

    /** An HTML page where a chat response belongs (a proxy's or gateway's error page). No cause: LangChain4j keeps only the root. */
    private static IncompleteResponseException html(String page) {
        String text = page.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        return new IncompleteResponseException(IncompleteResponseException.Kind.MALFORMED,
                "the server sent an HTML page instead of a chat response: "
                        + (text.length() > 200 ? text.substring(0, 200) + "..." : text), null);
    }

    /** A timeout before the headers: the caller's deadline if that was the shorter limit, else a retriable timeout. */
    private RuntimeException headersTimedOut(Deadline deadline, HttpRequest request, HttpTimeoutException e) {
        if (deadline != null && deadline.remaining().compareTo(readTimeout) < 0) {
            return deadline.exceeded("waiting for the response headers from " + hostOf(request));
        }
        return new TimeoutException("no response headers from " + hostOf(request) + " within "
                + readTimeout.toMillis() + " ms", e);
    }

    private static void failIfExpired(Deadline deadline, String when) {
        if (deadline != null && deadline.expired()) {
            throw deadline.exceeded(when);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> BodyWatch<T>[] watchSlot() {
        return (BodyWatch<T>[]) new BodyWatch<?>[1];
    }

    private static HttpException error(HttpResponse<?> response, String body) {
        var retryAfter = response.headers().firstValue("Retry-After")
                .flatMap(v -> ProviderHttpException.parseRetryAfter(v, Instant.now()));
        return new ProviderHttpException(response.statusCode(), body, retryAfter.orElse(null));
    }

    /** The request, its header timeout cut to what {@code deadline} (nullable) leaves. */
    private java.net.http.HttpRequest toJdk(HttpRequest request, Deadline deadline) {
        Duration headers = readTimeout;
        if (deadline != null && deadline.remaining().compareTo(headers) < 0) {
            headers = deadline.remaining().isZero() ? Duration.ofMillis(1) : deadline.remaining();
        }
        var builder = java.net.http.HttpRequest.newBuilder().uri(URI.create(request.url())).timeout(headers);
        request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
        var body = request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
        return builder.method(request.method().name(), body).build();
    }

    private static String hostOf(HttpRequest request) {
        URI uri = URI.create(request.url());
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    /** Configures a {@link ProviderHttpClient}. */
    public static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            if (timeout != null) {
                this.connectTimeout = timeout;
            }
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            if (timeout != null) {
                this.readTimeout = timeout;
            }
            return this;
        }

        @Override
        public ProviderHttpClient build() {
            return new ProviderHttpClient(this);
        }
    }
}
