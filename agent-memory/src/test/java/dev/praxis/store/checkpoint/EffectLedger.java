package dev.praxis.store.checkpoint;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The crash tests' side effects (this module's and praxis-kafka's): a SQLite file in which each
 * effect tool writes an attempts row on entry and an effects row as its effect, per run, and a
 * read-only {@code ledger_has} tool that tells whether this run's effect is there. Beside it, the
 * moves of a model that decides from the conversation alone, so any process continues a run
 * correctly after a crash: an effect whose call was in flight is checked in the ledger and
 * called again only when absent.
 */
public final class EffectLedger {

    private final Path db;

    private EffectLedger(Path db) {
        this.db = db;
    }

    /** The ledger in {@code db}, its tables created when missing. */
    public static EffectLedger at(Path db) {
        EffectLedger ledger = new EffectLedger(db);
        try (Connection c = ledger.connect(); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE IF NOT EXISTS attempts (run_id TEXT, tool TEXT, idem_key TEXT)");
            s.execute("CREATE TABLE IF NOT EXISTS effects (run_id TEXT, tool TEXT, idem_key TEXT)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ledger;
    }

    /**
     * A tool {@code name} with an integer {@code amount}: records the attempt, then the effect,
     * and answers "<i>name</i> done"; {@code pause} is called with "<i>name</i>:before" and
     * "<i>name</i>:after" around the effect and may block forever.
     */
    public Tool effect(String name, SideEffect sideEffect, Consumer<String> pause) {
        return new Effect(this, name, sideEffect, pause);
    }

    /** The read-only {@code ledger_has} tool: "<i>tool</i>: present" or "absent" for this run. */
    public Tool check() {
        return new Check(this);
    }

    /** How many rows {@code table} has for {@code tool}, over all runs. */
    public int count(String table, String tool) {
        return counts(table).entrySet().stream().filter(e -> e.getKey().endsWith("/" + tool))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** How many rows {@code table} has per run and tool, as "runId/tool" → count. */
    public Map<String, Integer> counts(String table) {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT run_id, tool, COUNT(*) FROM " + table + " GROUP BY run_id, tool")) {
            while (rows.next()) {
                counts.put(rows.getString(1) + "/" + rows.getString(2), rows.getInt(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /**
     * Where a run stands on {@code effects}, read from its {@code messages}.
     *
     * @param check  effects whose call was in flight and is not yet checked in the ledger
     * @param todo   effects to call (again)
     * @param denied the first unfinished effect a person denied
     */
    public record Progress(List<String> check, List<String> todo, Optional<String> denied) {

        /** Reads the progress of the run whose messages are {@code messages}. */
        public static Progress of(List<ChatMessage> messages, List<String> effects) {
            List<String> check = new ArrayList<>();
            List<String> todo = new ArrayList<>();
            Optional<String> denied = Optional.empty();
            for (String effect : effects) {
                List<String> results = results(messages, effect);
                List<String> ledger = results(messages, "ledger_has").stream()
                        .filter(r -> r.startsWith(effect + ":")).toList();
                if (results.contains(effect + " done") || ledger.contains(effect + ": present")) {
                    continue;
                }
                if (denied.isEmpty() && results.stream().anyMatch(r -> r.contains("denied"))) {
                    denied = Optional.of(effect);
                }
                if (results.stream().anyMatch(r -> r.contains("in flight")) && ledger.isEmpty()) {
                    check.add(effect);
                } else {
                    todo.add(effect);
                }
            }
            return new Progress(List.copyOf(check), List.copyOf(todo), denied);
        }
    }

    /** The model's next move: one {@code ledger_has} call for {@code effect}. */
    public static ChatResponse checkCall(List<ChatMessage> messages, String effect) {
        return calls(List.of(call(prefix(messages) + 1, "ledger_has", "{\"tool\":\"" + effect + "\"}")));
    }

    /** The model's next move: a call of each of {@code effects}, with amount 10. */
    public static ChatResponse effectCalls(List<ChatMessage> messages, List<String> effects) {
        List<ToolExecutionRequest> next = new ArrayList<>();
        for (String effect : effects) {
            next.add(call(prefix(messages) + (next.size() + 1), effect, "{\"amount\":10}"));
        }
        return calls(next);
    }

    /** The model's final answer {@code text}. */
    public static ChatResponse answer(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }

    /** Call ids unique in the run: "t3_1" is the first call of the third turn. */
    private static String prefix(List<ChatMessage> messages) {
        return "t" + (messages.stream().filter(m -> m instanceof AiMessage).count() + 1) + "_";
    }

    private static List<String> results(List<ChatMessage> messages, String tool) {
        return messages.stream().filter(m -> m instanceof ToolExecutionResultMessage r && tool.equals(r.toolName()))
                .map(m -> ((ToolExecutionResultMessage) m).text()).toList();
    }

    private static ToolExecutionRequest call(String id, String name, String args) {
        return ToolExecutionRequest.builder().id(id).name(name).arguments(args).build();
    }

    private static ChatResponse calls(List<ToolExecutionRequest> requests) {
        return ChatResponse.builder().aiMessage(AiMessage.from(requests)).build();
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=30000");
            s.execute("PRAGMA synchronous=FULL");
        }
        return c;
    }

    private void insert(Connection c, String table, ToolContext context, String tool) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                + " (run_id, tool, idem_key) VALUES (?, ?, ?)")) {
            insert.setString(1, context.runId());
            insert.setString(2, tool);
            insert.setString(3, context.idempotencyKey());
            insert.executeUpdate();
        }
    }

    /** An effect tool of {@code ledger}; the record's accessors are the tool's spec and side effect. */
    private record Effect(EffectLedger ledger, ToolSpecification spec, SideEffect sideEffect, Consumer<String> pause)
            implements Tool {

        Effect(EffectLedger ledger, String name, SideEffect sideEffect, Consumer<String> pause) {
            this(ledger, ToolSpecification.builder().name(name).description(name + " 10")
                    .parameters(JsonObjectSchema.builder().addIntegerProperty("amount").required("amount").build())
                    .build(), sideEffect, pause);
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            try (Connection c = ledger.connect()) {
                ledger.insert(c, "attempts", context, name());
                pause.accept(name() + ":before");
                ledger.insert(c, "effects", context, name());
                pause.accept(name() + ":after");
                return ToolResult.ok(name() + " done");
            } catch (SQLException e) {
                return ToolResult.failed(name() + " failed: " + e.getMessage());
            }
        }
    }

    /** The {@code ledger_has} tool of {@code ledger}. */
    private record Check(EffectLedger ledger, ToolSpecification spec) implements Tool {

        Check(EffectLedger ledger) {
            this(ledger, ToolSpecification.builder().name("ledger_has").description("whether an effect is recorded")
                    .parameters(JsonObjectSchema.builder().addStringProperty("tool").required("tool").build()).build());
        }

        @Override
        public SideEffect sideEffect() {
            return SideEffect.READ_ONLY;
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            String tool = call.arguments().replaceAll(".*\"tool\"\\s*:\\s*\"([a-z]+)\".*", "$1");
            Integer n = ledger.counts("effects").get(context.runId() + "/" + tool);
            return ToolResult.ok(tool + ": " + (n != null && n > 0 ? "present" : "absent"));
        }
    }
}
