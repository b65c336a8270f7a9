package dev.praxis.store.checkpoint;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Turn;
import dev.praxis.state.CheckpointStore;
import dev.praxis.store.jdbc.JdbcStore;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The agent of the crash test: it moves money with side-effecting tools that write to a
 * SQLite "bank" database (an attempts row on entry, an effects row as the effect), and a model
 * that decides purely from the conversation, so the same model continues correctly in another
 * process after a crash. When a tool result says a call was in flight, the model checks the
 * ledger and repeats the call only if it had no effect.
 */
final class Payments {

    static final List<String> EFFECTS = List.of("debit", "credit", "notify");

    private Payments() {
    }

    /** The session whose conversation the agent keeps in the bank's SQLite memory. */
    static final MemoryScope SESSION = MemoryScope.of("owner", "transfer");

    /**
     * The agent, with its conversation in {@code memory}; {@code pause} is called with points
     * like "debit:before" or "memory:after:2" (around the 2nd memory write) and may block forever.
     */
    static LlmAgent agent(Path bank, CheckpointStore store, ConversationMemory memory, Consumer<String> pause) {
        init(bank);
        List<Tool> tools = new ArrayList<>();
        for (String effect : EFFECTS) {
            tools.add(new Effect(effect, bank, pause));
        }
        tools.add(new LedgerCheck(bank));
        return LlmAgent.builder().name("payments").llm(model(pause)).tools(tools.toArray())
                .memory(new PausingMemory(memory, pause)).checkpoints(store).build();
    }

    /** The durable conversation memory of the crash test, in {@code store} (its own SQLite file). */
    static ConversationMemory memory(JdbcStore store) {
        return store.conversations(1000);
    }

    static int count(Path bank, String table, String tool) {
        try (Connection c = connect(bank);
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE tool = ?")) {
            q.setString(1, tool);
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LlmClient model(Consumer<String> pause) {
        int[] calls = {0};
        return request -> {
            pause.accept("model:" + (++calls[0]));
            return decide(request);
        };
    }

    /** The next move, from the conversation alone. */
    static ChatResponse decide(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        long turns = messages.stream().filter(m -> m instanceof AiMessage).count();
        List<String> check = new ArrayList<>();
        List<String> todo = new ArrayList<>();
        for (String effect : EFFECTS) {
            List<String> results = results(messages, effect);
            List<String> ledger = results(messages, "ledger_has").stream().filter(r -> r.startsWith(effect + ":")).toList();
            boolean done = results.contains(effect + " done") || ledger.contains(effect + ": present");
            boolean unknown = results.stream().anyMatch(r -> r.contains("in flight"));
            if (done) {
                continue;
            }
            if (unknown && ledger.isEmpty()) {
                check.add(effect);
            } else {
                todo.add(effect);
            }
        }
        String prefix = "t" + (turns + 1) + "_";
        if (!check.isEmpty()) {
            return calls(List.of(call(prefix + 1, "ledger_has", "{\"tool\":\"" + check.get(0) + "\"}")));
        }
        if (todo.isEmpty()) {
            return ChatResponse.builder().aiMessage(AiMessage.from("moved 10 from A to B and notified")).build();
        }
        List<ToolExecutionRequest> next = new ArrayList<>();
        next.add(call(prefix + 1, todo.get(0), "{\"amount\":10}"));
        if (todo.get(0).equals("debit") && todo.contains("credit")) {
            next.add(call(prefix + 2, "credit", "{\"amount\":10}"));
        }
        return calls(next);
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

    private static void init(Path bank) {
        try (Connection c = connect(bank); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS attempts (tool TEXT, idem_key TEXT)");
            s.execute("CREATE TABLE IF NOT EXISTS effects (tool TEXT, idem_key TEXT, amount INTEGER)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(Path bank) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + bank.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA synchronous=FULL");
        }
        return c;
    }

    /** A side-effecting tool: records the attempt, then the effect. */
    private record Effect(String name, Path bank, Consumer<String> pause) implements Tool {
        @Override
        public ToolSpecification spec() {
            return ToolSpecification.builder().name(name).description(name + " 10")
                    .parameters(JsonObjectSchema.builder().addIntegerProperty("amount").required("amount").build()).build();
        }

        @Override
        public SideEffect sideEffect() {
            return name.equals("notify") ? SideEffect.EXTERNAL : SideEffect.WRITE;
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            try (Connection c = connect(bank)) {
                insert(c, "INSERT INTO attempts (tool, idem_key) VALUES (?, ?)", context.idempotencyKey(), null);
                pause.accept(name + ":before");
                insert(c, "INSERT INTO effects (tool, idem_key, amount) VALUES (?, ?, ?)", context.idempotencyKey(), 10);
                pause.accept(name + ":after");
                return ToolResult.ok(name + " done");
            } catch (SQLException e) {
                return ToolResult.failed(e.getMessage());
            }
        }

        private void insert(Connection c, String sql, String key, Integer amount) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement(sql)) {
                insert.setString(1, name);
                insert.setString(2, key);
                if (amount != null) {
                    insert.setInt(3, amount);
                }
                insert.executeUpdate();
            }
        }
    }

    /** Memory that offers a pause point just before and just after each write. */
    private static final class PausingMemory implements ConversationMemory {
        private final ConversationMemory delegate;
        private final Consumer<String> pause;
        private final AtomicInteger writes = new AtomicInteger();

        PausingMemory(ConversationMemory delegate, Consumer<String> pause) {
            this.delegate = delegate;
            this.pause = pause;
        }

        @Override
        public List<ChatMessage> messages(MemoryScope scope) {
            return delegate.messages(scope);
        }

        @Override
        public void append(MemoryScope scope, Turn turn) {
            int n = writes.incrementAndGet();
            pause.accept("memory:before:" + n);
            delegate.append(scope, turn);
            pause.accept("memory:after:" + n);
        }

        @Override
        public void clear(MemoryScope scope) {
            delegate.clear(scope);
        }
    }

    /** A read-only tool: whether an effect is in the ledger. */
    private record LedgerCheck(Path bank) implements Tool {
        @Override
        public ToolSpecification spec() {
            return ToolSpecification.builder().name("ledger_has").description("whether an effect is recorded")
                    .parameters(JsonObjectSchema.builder().addStringProperty("tool").required("tool").build()).build();
        }

        @Override
        public SideEffect sideEffect() {
            return SideEffect.READ_ONLY;
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            String tool = call.arguments().replaceAll(".*\"tool\"\\s*:\\s*\"([a-z]+)\".*", "$1");
            return ToolResult.ok(tool + ": " + (count(bank, "effects", tool) > 0 ? "present" : "absent"));
        }
    }
}
