package dev.praxis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.praxis.guard.SecretMasker;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmDecorator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Records real model exchanges into a file and plays them back, so tests run against real
 * provider answers without a key, a network or a bill:
 *
 * <pre>{@code
 * Cassette cassette = Cassette.at(Path.of("src/test/resources/cassettes/weather.json"),
 *         System.getenv("PRAXIS_API_KEY") != null ? Cassette.Mode.RECORD : Cassette.Mode.REPLAY);
 * LlmClient llm = cassette.client(LlmClients::fromEnv);   // the real client is built only when recording
 * }</pre>
 *
 * <p>Requests are matched by a fingerprint: a SHA-256 of the messages, the tools offered and
 * the request parameters; identical requests replay their recordings in order. A request with
 * no recording left fails with {@link CassetteMismatchException}, naming the fingerprint and
 * the request's last message. The file holds the recorded messages with secrets masked
 * ({@link SecretMasker#defaults()}, plus any values given to {@link #masking}) and never an API
 * key or header: the client sits above HTTP and sees neither. Thread-safe.
 */
public final class Cassette implements LlmDecorator {

    /** Whether a cassette calls the real model and records, or replays. */
    public enum Mode {
        /** Calls the real client and writes each exchange to the file (replacing its old content). */
        RECORD,
        /** Answers from the file; never calls a real client. */
        REPLAY
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int VERSION = 1;

    private final Path file;
    private final Mode mode;
    private final SecretMasker masker;
    private final List<Exchange> exchanges = new ArrayList<>();

    private Cassette(Path file, Mode mode, SecretMasker masker) {
        this.file = Objects.requireNonNull(file, "file");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.masker = masker;
        if (mode == Mode.REPLAY) {
            exchanges.addAll(read(file));
        }
    }

    /**
     * A cassette in {@code file}.
     *
     * @throws UncheckedIOException when replaying and the file cannot be read (a missing file
     *                              means nothing was recorded: record it once with a key)
     */
    public static Cassette at(Path file, Mode mode) {
        return new Cassette(file, mode, SecretMasker.defaults());
    }

    /** This cassette, also masking {@code secrets} (values such as tokens from your own config) in what it writes. */
    public Cassette masking(List<String> secrets) {
        Cassette copy = new Cassette(file, mode, masker.withValues(secrets));
        copy.exchanges.addAll(exchanges);
        return copy;
    }

    /** How this cassette works. */
    public Mode mode() {
        return mode;
    }

    /** The file it records to or replays from. */
    public Path file() {
        return file;
    }

    /**
     * The client to test with: when recording, {@code real} (built now) wrapped to record; when
     * replaying, the recordings ({@code real} is never called).
     */
    public LlmClient client(Supplier<? extends LlmClient> real) {
        return mode == Mode.RECORD ? decorate(real.get()) : this::replay;
    }

    @Override
    public LlmClient decorate(LlmClient delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return mode == Mode.REPLAY ? this::replay : request -> record(delegate, request);
    }

    private ChatResponse record(LlmClient delegate, ChatRequest request) {
        ChatResponse response = delegate.chat(request);
        synchronized (exchanges) {
            exchanges.add(new Exchange(fingerprint(request), lastMessage(request), response));
            write();
        }
        return response;
    }

    private ChatResponse replay(ChatRequest request) {
        String fingerprint = fingerprint(request);
        synchronized (exchanges) {
            for (int i = 0; i < exchanges.size(); i++) {
                if (exchanges.get(i).fingerprint.equals(fingerprint)) {
                    return exchanges.remove(i).response;
                }
            }
        }
        throw new CassetteMismatchException("no recording left in " + file + " for request " + fingerprint
                + " (last message: " + masker.mask(lastMessage(request)) + "); the code asks something it did not ask"
                + " when the cassette was recorded: record it again with a key");
    }

    /** The request's fingerprint: SHA-256 (hex) of its messages, tool specifications and parameters. */
    public static String fingerprint(ChatRequest request) {
        String canonical = ChatMessageSerializer.messagesToJson(request.messages()) + "\n"
                + request.parameters().toolSpecifications() + "\n" + request.parameters().modelName() + "\n"
                + request.parameters().temperature() + "\n" + request.parameters().topP() + "\n"
                + request.parameters().maxOutputTokens() + "\n" + request.parameters().toolChoice() + "\n"
                + request.parameters().responseFormat() + "\n" + request.parameters().stopSequences();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String lastMessage(ChatRequest request) {
        var messages = request.messages();
        return messages.isEmpty() ? "" : String.valueOf(messages.get(messages.size() - 1));
    }

    private void write() {
        ObjectNode root = JSON.createObjectNode().put("version", VERSION);
        ArrayNode list = root.putArray("exchanges");
        for (Exchange e : exchanges) {
            ObjectNode node = list.addObject().put("fingerprint", e.fingerprint).put("request", masker.mask(e.request));
            ChatResponse r = e.response;
            ObjectNode response = node.putObject("response");
            response.put("message", masker.mask(ChatMessageSerializer.messageToJson(r.aiMessage())));
            if (r.id() != null) {
                response.put("id", r.id());
            }
            if (r.modelName() != null) {
                response.put("model", r.modelName());
            }
            if (r.finishReason() != null) {
                response.put("finish_reason", r.finishReason().name());
            }
            TokenUsage usage = r.tokenUsage();
            if (usage != null) {
                response.put("input_tokens", usage.inputTokenCount()).put("output_tokens", usage.outputTokenCount());
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cassette " + file, e);
        }
    }

    private static List<Exchange> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cassette " + file
                    + " (record it once with a key to create it)", e);
        }
        if (root.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("cassette " + file + " has version " + root.path("version")
                    + "; this Praxis reads version " + VERSION);
        }
        List<Exchange> out = new ArrayList<>();
        for (JsonNode node : root.path("exchanges")) {
            JsonNode r = node.path("response");
            ChatResponse.Builder response = ChatResponse.builder()
                    .aiMessage((AiMessage) ChatMessageDeserializer.messageFromJson(r.path("message").asText()));
            if (r.has("id")) {
                response.id(r.path("id").asText());
            }
            if (r.has("model")) {
                response.modelName(r.path("model").asText());
            }
            if (r.has("finish_reason")) {
                response.finishReason(FinishReason.valueOf(r.path("finish_reason").asText()));
            }
            if (r.has("input_tokens")) {
                response.tokenUsage(new TokenUsage(r.path("input_tokens").asInt(), r.path("output_tokens").asInt()));
            }
            out.add(new Exchange(node.path("fingerprint").asText(), node.path("request").asText(), response.build()));
        }
        return out;
    }

    private record Exchange(String fingerprint, String request, ChatResponse response) {
    }
}
