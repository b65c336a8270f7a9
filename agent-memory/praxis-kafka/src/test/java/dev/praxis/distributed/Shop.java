package dev.praxis.distributed;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.Toolbox;
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

/**
 * The agents of the distributed tests. {@code shop} reserves and charges an order with
 * side-effecting tools that write to a shared SQLite "shop" database (an attempts row on entry,
 * an effects row as the effect, per run), with a model that decides from the conversation alone,
 * so any worker continues a run correctly: when a call was in flight at a crash, it checks the
 * ledger and repeats the call only if the effect is absent. {@code shop-approval} is the same
 * agent whose {@code charge} needs a person's approval. An input containing {@code POISON} makes
 * the model throw an {@link Error}, as a run that always crashes its worker thread.
 */
final class Shop {

    static final List<String> EFFECTS = List.of("reserve", "charge");

    private Shop() {
    }

    /** The shop agents, with {@code latencyMillis} of simulated model latency per call. */
    static List<LlmAgent> agents(Path db, long latencyMillis) {
        init(db);
        List<Tool> tools = List.of(new Effect("reserve", SideEffect.WRITE, db), new Effect("charge",
                SideEffect.EXTERNAL, db), new LedgerCheck(db));
        LlmAgent shop = LlmAgent.builder().name("shop").llm(model(latencyMillis)).tools(tools.toArray()).build();
        LlmAgent approval = LlmAgent.builder().name("shop-approval").llm(model(latencyMillis)).toolbox(Toolbox.of(tools)
                .withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.askPerson(question)))
                .build();
        return List.of(shop, approval);
    }

    /** How many rows {@code table} has per run and tool, as "runId/tool" → count. */
    static Map<String, Integer> counts(Path db, String table) {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT run_id, tool, COUNT(*) FROM " + table + " GROUP BY run_id, tool")) {
            while (rows.next()) {
                counts.put(rows.getString(1) + "/" + rows.getString(2), rows.getInt(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /** Stands for a JVM that cannot go on: the agent loop throws a VirtualMachineError on, as a dying process would. */
    static final class Crash extends VirtualMachineError {
        private static final long serialVersionUID = 1L;

        Crash(String message) {
            super(message);
        }
    }

    private static LlmClient model(long latencyMillis) {
        return request -> {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return decide(request);
        };
    }

    /** The next move, from the conversation alone. */
    static ChatResponse decide(ChatRequest request) {
        List<ChatMessage> all = request.messages();
        int start = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof UserMessage) {
                start = i;
            }
        }
        // this run's messages only: earlier runs of the session are history, not this order
        List<ChatMessage> messages = all.subList(start, all.size());
        String input = ((UserMessage) messages.get(0)).singleText();
        if (input.contains("POISON")) {
            throw new Crash("the model adapter cannot handle this input");
        }
        long turns = messages.stream().filter(m -> m instanceof AiMessage).count();
        List<String> check = new ArrayList<>();
        List<String> todo = new ArrayList<>();
        for (String effect : EFFECTS) {
            List<String> results = results(messages, effect);
            List<String> ledger = results(messages, "ledger_has").stream().filter(r -> r.startsWith(effect + ":"))
                    .toList();
            if (results.contains(effect + " done") || ledger.contains(effect + ": present")) {
                continue;
            }
            if (results.stream().anyMatch(r -> r.contains("denied"))) {
                return answer("order not charged: " + effect + " was denied");
            }
            if (results.stream().anyMatch(r -> r.contains("in flight")) && ledger.isEmpty()) {
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
            return answer("order placed: " + input);
        }
        List<ToolExecutionRequest> next = new ArrayList<>();
        for (int i = 0; i < todo.size(); i++) {
            next.add(call(prefix + (i + 1), todo.get(i), "{\"amount\":10}"));
        }
        return calls(next);
    }

    private static ChatResponse answer(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
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

    private static void init(Path db) {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE IF NOT EXISTS attempts (run_id TEXT, tool TEXT, idem_key TEXT)");
            s.execute("CREATE TABLE IF NOT EXISTS effects (run_id TEXT, tool TEXT, idem_key TEXT)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(Path db) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=30000");
            s.execute("PRAGMA synchronous=FULL");
        }
        return c;
    }

    private static void insert(Connection c, String table, ToolContext context, String tool) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                + " (run_id, tool, idem_key) VALUES (?, ?, ?)")) {
            insert.setString(1, context.runId());
            insert.setString(2, tool);
            insert.setString(3, context.idempotencyKey());
            insert.executeUpdate();
        }
    }

    /** A side-effecting tool: records the attempt, then the effect. */
    private record Effect(String name, SideEffect effect, Path db) implements Tool {
        @Override
        public ToolSpecification spec() {
            return ToolSpecification.builder().name(name).description(name + " the order")
                    .parameters(JsonObjectSchema.builder().addIntegerProperty("amount").required("amount").build())
                    .build();
        }

        @Override
        public SideEffect sideEffect() {
            return effect;
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            try (Connection c = connect(db)) {
                insert(c, "attempts", context, name);
                insert(c, "effects", context, name);
                return ToolResult.ok(name + " done");
            } catch (SQLException e) {
                return ToolResult.failed(name + " failed: " + e.getMessage());
            }
        }
    }

    /** A read-only tool: whether this run's effect is in the ledger. */
    private record LedgerCheck(Path db) implements Tool {
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
            Integer n = counts(db, "effects").get(context.runId() + "/" + tool);
            return ToolResult.ok(tool + ": " + (n != null && n > 0 ? "present" : "absent"));
        }
    }
}
