package dev.praxis.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An OpenAI-compatible server on loopback: answers {@code POST /v1/chat/completions} from a
 * script of replies (tool calls or text) in the chat-completions wire format, records each
 * request body, and answers {@code GET /v1/models}. An unscripted request gets HTTP 500.
 */
final class FakeOpenAi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final BlockingQueue<ObjectNode> replies = new LinkedBlockingQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile String requiredKey;

    FakeOpenAi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/models", this::models);
        server.start();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Requests without {@code Authorization: Bearer key} get 401 from now on. */
    FakeOpenAi requireKey(String key) {
        this.requiredKey = key;
        return this;
    }

    /** Queues a reply asking for one tool call. */
    FakeOpenAi toolCall(String name, String arguments) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", "call_" + replies.size())
                .put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        replies.add(completion(message, "tool_calls"));
        return this;
    }

    /** Queues a final text answer. */
    FakeOpenAi text(String text) {
        replies.add(completion(JSON.createObjectNode().put("role", "assistant").put("content", text), "stop"));
        return this;
    }

    /** The chat request bodies received, in order. */
    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    private static ObjectNode completion(ObjectNode message, String finish) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("created", 1).put("model", "gpt-4o-mini");
        ArrayNode choices = body.putArray("choices");
        choices.addObject().put("index", 0).put("finish_reason", finish).set("message", message);
        body.putObject("usage").put("prompt_tokens", 20).put("completion_tokens", 5).put("total_tokens", 25);
        return body;
    }

    private void chat(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        requests.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
        ObjectNode reply = replies.poll();
        if (reply == null) {
            send(exchange, 500, "{\"error\":{\"message\":\"no scripted reply left\",\"type\":\"server_error\"}}");
            return;
        }
        send(exchange, 200, JSON.writeValueAsString(reply));
    }

    private void models(HttpExchange exchange) throws IOException {
        if (authorized(exchange)) {
            send(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\"}]}");
        }
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String key = requiredKey;
        if (key != null && !("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
            return false;
        }
        return true;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
