package dev.praxis.llm.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;

/**
 * LangChain4j's HTTP seam on the JDK client, keeping what its stock client drops: an error
 * response's {@code Retry-After} travels in a {@link ProviderHttpException}. Streams are read on
 * a daemon thread; closing the stream (LangChain4j's cancel) ends the read.
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
        try {
            HttpResponse<byte[]> response = jdk.send(toJdk(request), HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                throw error(response, body);
            }
            return SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).body(body).build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new CompletionException("HTTP request to " + hostOf(request) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException("interrupted during the HTTP request", e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        jdk.sendAsync(toJdk(request), HttpResponse.BodyHandlers.ofInputStream())
                .thenAccept(response -> consume(response, parser, listener))
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    listener.onError(cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause);
                    return null;
                });
    }

    private static void consume(HttpResponse<InputStream> response, ServerSentEventParser parser,
                                ServerSentEventListener listener) {
        try (InputStream body = response.body()) {
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                listener.onError(error(response, new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                return;
            }
            listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).build());
            parser.parse(body, listener);
            listener.onClose();
        } catch (IOException | RuntimeException e) {
            listener.onError(e);
        }
    }

    private static HttpException error(HttpResponse<?> response, String body) {
        var retryAfter = response.headers().firstValue("Retry-After")
                .flatMap(v -> ProviderHttpException.parseRetryAfter(v, Instant.now()));
        return new ProviderHttpException(response.statusCode(), body, retryAfter.orElse(null));
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        var builder = java.net.http.HttpRequest.newBuilder().uri(URI.create(request.url())).timeout(readTimeout);
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
