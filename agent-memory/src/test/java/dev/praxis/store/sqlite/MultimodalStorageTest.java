package dev.praxis.store.sqlite;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.content.Parts;
import dev.praxis.memory.MemoryScope;
import dev.praxis.state.RunState;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage policy for content parts ({@link Parts}) against real SQLite: checkpoints keep the
 * bytes a resumed run needs; conversation memory keeps a reference, never the base64.
 */
class MultimodalStorageTest {

    static final String PHOTO = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////2Q==";
    static final String CHART = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    @TempDir
    Path dir;
    private JdbcStore store;
    private final MemoryScope session = MemoryScope.of("alice", "intake-1");

    /** Returns a chart image beside its caption. */
    static final class Chart implements Tool {
        @Override
        public ToolSpecification spec() {
            return ToolSpecification.builder().name("chart").description("Draws the chart").build();
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            return ToolResult.ok("The chart:", List.of(ImageContent.from(CHART, "image/png")));
        }
    }

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("praxis.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private AgentResult runWithPhotoAndChart(ScriptedLlm llm) {
        LlmAgent agent = LlmAgent.builder().llm(llm).tools(new Chart()).memory(store.conversations(50))
                .checkpoints(store.checkpoints()).build();
        return agent.run(AgentRequest.of("Is this rash like the one on the chart?")
                .attach(ImageContent.from(PHOTO, "image/jpeg")).inSession(session));
    }

    @Test
    void theModelSeesTheImagesButMemoryKeepsOnlyReferences() throws Exception {
        ScriptedLlm llm = ScriptedLlm.of(toolCall("chart", "{}"), text("They look alike."));

        assertThat(runWithPhotoAndChart(llm).status()).isEqualTo(Status.COMPLETED);

        UserMessage asked = (UserMessage) llm.requests().get(0).messages().get(0);
        assertThat(asked.contents().get(1)).isEqualTo(ImageContent.from(PHOTO, "image/jpeg"));
        List<ChatMessage> stored = store.conversations(50).messages(session);
        UserMessage remembered = (UserMessage) stored.get(0);
        assertThat(remembered.contents().get(0)).isEqualTo(TextContent.from("Is this rash like the one on the chart?"));
        assertThat(((TextContent) remembered.contents().get(1)).text())
                .startsWith("[image image/jpeg, 58 bytes, sha256 ").endsWith("] (not kept in memory)");
        ToolExecutionResultMessage chart = (ToolExecutionResultMessage) stored.get(2);
        assertThat(Parts.text(chart.contents())).startsWith("The chart:\n[image image/png, 70 bytes, sha256 ");
        assertThat(rows("SELECT messages FROM praxis_turns")).noneMatch(row -> row.contains(PHOTO) || row.contains(CHART));
    }

    @Test
    void checkpointsKeepTheBytesSoAResumedRunSendsWhatTheModelSaw() throws Exception {
        ScriptedLlm llm = ScriptedLlm.of(toolCall("chart", "{}"), text("They look alike."));

        String runId = runWithPhotoAndChart(llm).runId();

        RunState state = store.checkpoints().load(runId).orElseThrow();
        UserMessage first = (UserMessage) state.transcript().get(0);
        assertThat(first.contents()).contains(ImageContent.from(PHOTO, "image/jpeg"));
        ToolResult.Ok result = (ToolResult.Ok) state.steps().get(0).results().get(0);
        assertThat(result.content()).isEqualTo("The chart:");
        assertThat(result.attachments()).containsExactly(ImageContent.from(CHART, "image/png"));
        assertThat(rows("SELECT state FROM praxis_checkpoints")).anyMatch(row -> row.contains(PHOTO) && row.contains(CHART));
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("praxis.db"));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        assertThat(rows).isNotEmpty();
        return rows;
    }
}
