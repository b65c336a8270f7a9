package dev.praxis.team;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Shared working memory of a team run: typed entries, grouped in scopes (say {@code "research"}
 * and {@code "plan"}), that members read and write while they work. Every write is kept in an
 * append-only history and announced to subscribers, so who wrote what, and when, is never lost.
 * Values are stored as JSON, so a board survives a checkpoint ({@link #toJson}/{@link #fromJson}).
 *
 * <pre>{@code
 * Blackboard board = new Blackboard();
 * Blackboard.Key<Finding> FINDING = Blackboard.Key.of("research", "finding", Finding.class);
 * board.write(FINDING, new Finding("Q3 revenue up 4%"), "researcher");
 * Agent writer = LlmAgent.builder().llm(llm).tools(board.tools("writer")).build();   // model can read it too
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Blackboard {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A typed entry name.
     *
     * @param scope the group the entry belongs to
     * @param name  the entry's name within the scope
     * @param type  the Java type of its value (a record, String, number, List...)
     */
    public record Key<T>(String scope, String name, Class<T> type) {

        /** Rejects nulls and blank names. */
        public Key {
            Objects.requireNonNull(type, "type");
            if (scope == null || scope.isBlank() || name == null || name.isBlank()) {
                throw new IllegalArgumentException("blackboard scope and name must not be blank");
            }
        }

        /** A key named {@code name} in {@code scope} for values of {@code type}. */
        public static <T> Key<T> of(String scope, String name, Class<T> type) {
            return new Key<>(scope, name, type);
        }
    }

    /**
     * One write, as recorded in the history.
     *
     * @param sequence 1-based position in the board's history
     * @param scope    the entry's scope
     * @param name     the entry's name
     * @param writer   who wrote it (a member name)
     * @param value    the value as JSON
     * @param at       when
     * @param untrusted whether the writer had untrusted content in its context (an injected page may
     *                 have chosen the value); such a value is shown to models as untrusted data
     */
    public record Write(long sequence, String scope, String name, String writer, JsonNode value, Instant at,
                        boolean untrusted) {

        /** A write by a writer with no untrusted content in its context. */
        public Write(long sequence, String scope, String name, String writer, JsonNode value, Instant at) {
            this(sequence, scope, name, writer, value, at, false);
        }
    }

    private final Clock clock;
    private final Map<String, Write> current = new LinkedHashMap<>();
    private final List<Write> history = new ArrayList<>();
    private final List<Consumer<Write>> subscribers = new CopyOnWriteArrayList<>();

    /** An empty board on the system clock. */
    public Blackboard() {
        this(Clock.systemUTC());
    }

    /** An empty board that stamps writes with {@code clock}. */
    public Blackboard(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes {@code value} under {@code key} on behalf of {@code writer}, replacing any earlier value. */
    public <T> void write(Key<T> key, T value, String writer) {
        write(key, value, writer, false);
    }

    /**
     * {@link #write(Key, Object, String)}, marking the value as untrusted when the writer had
     * untrusted content in its context: the value then carries that mark to every model that
     * reads it (through {@link #tools}), whose run containment gates like the writer's. Code
     * that puts a value into a prompt itself checks {@link Write#untrusted()}.
     */
    public <T> void write(Key<T> key, T value, String writer, boolean untrusted) {
        Objects.requireNonNull(value, "value");
        put(key.scope(), key.name(), JSON.valueToTree(value), writer, untrusted);
    }

    /**
     * The value under {@code key}, if any.
     *
     * @throws TeamException if the stored value cannot be read as the key's type
     */
    public <T> Optional<T> read(Key<T> key) {
        Write write;
        synchronized (this) {
            write = current.get(id(key.scope(), key.name()));
        }
        if (write == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.treeToValue(write.value(), key.type()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new TeamException("blackboard entry " + key.scope() + "/" + key.name() + " written by '"
                    + write.writer() + "' is not a " + key.type().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The latest write of every entry in {@code scope}, in the order entries were first written. */
    public synchronized List<Write> entries(String scope) {
        return current.values().stream().filter(w -> w.scope().equals(scope)).toList();
    }

    /**
     * Latest entries in {@code scope} (or every scope when it is empty) whose name or value
     * contains {@code text}, ignoring case.
     */
    public synchronized List<Write> search(String scope, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return current.values().stream()
                .filter(w -> scope.isEmpty() || w.scope().equals(scope))
                .filter(w -> w.name().toLowerCase(Locale.ROOT).contains(needle)
                        || w.value().toString().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
    }

    /** Every write so far, oldest first. */
    public synchronized List<Write> history() {
        return List.copyOf(history);
    }

    /** Calls {@code subscriber} after every write, on the writer's thread. */
    public void subscribe(Consumer<Write> subscriber) {
        subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
    }

    /**
     * Tools a model uses to share knowledge through this board, writing as {@code writer}:
     * {@code blackboard_write(scope, name, value)}, {@code blackboard_read(scope, name)} and
     * {@code blackboard_search(scope, text)}. Values written by a model are stored as text; a value
     * written by a run with untrusted content in its context is marked untrusted and shown under
     * that mark, so a run that reads it is gated by containment like the writer's, even when the
     * read tool is trusted.
     */
    public List<Tool> tools(String writer) {
        return BlackboardTools.of(this, writer);
    }

    /** The whole board, history included, as JSON. */
    public synchronized JsonNode toJson() {
        ArrayNode writes = JSON.createArrayNode();
        for (Write w : history) {
            ObjectNode node = writes.addObject();
            node.put("scope", w.scope()).put("name", w.name()).put("writer", w.writer()).put("at", w.at().toString());
            node.set("value", w.value());
            if (w.untrusted()) {
                node.put("untrusted", true);
            }
        }
        return JSON.createObjectNode().set("writes", writes);
    }

    /** A board restored from {@link #toJson}. */
    public static Blackboard fromJson(JsonNode json, Clock clock) {
        Blackboard board = new Blackboard(clock);
        for (JsonNode w : json.path("writes")) {
            board.append(w.path("scope").asText(), w.path("name").asText(), w.path("value"),
                    w.path("writer").asText(), Instant.parse(w.path("at").asText()), w.path("untrusted").asBoolean(false));
        }
        return board;
    }

    /**
     * Replaces this board's content with the writes in {@code json} (from {@link #toJson}),
     * without telling subscribers: a resumed team puts its board back as it was saved.
     */
    public void restore(JsonNode json) {
        Blackboard saved = fromJson(json, clock);
        synchronized (this) {
            history.clear();
            current.clear();
            history.addAll(saved.history);
            current.putAll(saved.current);
        }
    }

    void put(String scope, String name, JsonNode value, String writer, boolean untrusted) {
        Write write = append(scope, name, value, Objects.requireNonNull(writer, "writer"), clock.instant(), untrusted);
        for (Consumer<Write> subscriber : subscribers) {
            subscriber.accept(write);
        }
    }

    Optional<Write> get(String scope, String name) {
        synchronized (this) {
            return Optional.ofNullable(current.get(id(scope, name)));
        }
    }

    private synchronized Write append(String scope, String name, JsonNode value, String writer, Instant at,
                                      boolean untrusted) {
        if (scope.isBlank() || name.isBlank()) {
            throw new ToolException("blackboard scope and name must not be blank");
        }
        Write write = new Write(history.size() + 1L, scope, name, writer, value.deepCopy(), at, untrusted);
        history.add(write);
        current.remove(id(scope, name));
        current.put(id(scope, name), write);
        return write;
    }

    private static String id(String scope, String name) {
        return scope + "\u0000" + name;
    }
}
