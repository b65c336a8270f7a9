package dev.praxis.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on loopback that plays scripted replies in order and records every
 * request, so provider clients are tested over their actual wire format.
 */
final class WireServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server received it. */
    record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** One scripted reply: a status, headers, and a body sent in chunks (SSE events, NDJSON lines). */
    record Reply(int status, String contentType, Map<String, String> headers, List<String> chunks, boolean endless) {
    }

    static Reply json(String body) {
        return new Reply(200, "application/json", Map.of(), List.of(body), false);
    }

    static Reply error(int status, String body, Map<String, String> headers) {
        return new Reply(status, "application/json", headers, List.of(body), false);
    }

    /** An SSE body: each element is one event's text, e.g. {@code "data: {...}\n\n"}. */
    static Reply sse(List<String> events) {
        return new Reply(200, "text/event-stream", Map.of(), events, false);
    }

    static Reply ndjson(List<String> lines) {
        return new Reply(200, "application/x-ndjson", Map.of(), lines.stream().map(l -> l + "\n").toList(), false);
    }

    /** An SSE body that sends {@code first}, then repeats {@code filler} until the client hangs up. */
    static Reply endlessSse(String first, String filler) {
        return new Reply(200, "text/event-stream", Map.of(), List.of(first, filler), true);
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wire-server");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Reply> replies = new LinkedBlockingDeque<>();
    final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    final CountDownLatch clientHungUp = new CountDownLatch(1);
    volatile int chunksSentBeforeHangUp;

    WireServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private volatile java.util.function.Function<Recorded, Reply> router;

    /** Answers every request with {@code route(request)} instead of the queue. */
    WireServer routeBy(java.util.function.Function<Recorded, Reply> route) {
        this.router = route;
        return this;
    }

    WireServer enqueue(Reply reply) {
        replies.add(reply);
        return this;
    }

    Recorded takeRequest() throws InterruptedException {
        Recorded r = requests.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the server received no request");
        }
        return r;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        Recorded recorded = new Recorded(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(recorded);
        Reply reply = router != null ? router.apply(recorded) : replies.poll();
        if (reply == null) {
            reply = error(599, "{\"error\":\"unscripted request\"}", Map.of());
        }
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(reply.status(), 0);
        try (OutputStream out = exchange.getResponseBody()) {
            if (reply.endless()) {
                streamUntilHangUp(out, reply.chunks());
            } else {
                for (String chunk : reply.chunks()) {
                    out.write(chunk.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (IOException hungUp) {
            clientHungUp.countDown();
        }
    }

    private void streamUntilHangUp(OutputStream out, List<String> chunks) throws IOException {
        out.write(chunks.get(0).getBytes(StandardCharsets.UTF_8));
        out.flush();
        byte[] filler = chunks.get(1).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int sent = 1;
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            try {
                out.write(filler);
                out.flush();
                sent++;
            } catch (IOException e) {
                chunksSentBeforeHangUp = sent;
                throw e;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    static List<String> list(String... items) {
        return new ArrayList<>(List.of(items));
    }
}
