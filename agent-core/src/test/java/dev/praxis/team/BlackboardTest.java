package dev.praxis.team;

import dev.praxis.agent.AgentRequest;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.praxis.team.Scripts.agent;
import static dev.praxis.team.Scripts.lastToolResult;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlackboardTest {

    record Finding(String fact, int confidence) {
    }

    private static final Blackboard.Key<Finding> FINDING = Blackboard.Key.of("research", "finding", Finding.class);
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void storesTypedEntriesAndRecordsEveryWrite() {
        Blackboard board = new Blackboard(clock);
        List<Blackboard.Write> events = new ArrayList<>();
        board.subscribe(events::add);

        board.write(FINDING, new Finding("revenue up", 60), "alice");
        board.write(FINDING, new Finding("revenue up 4%", 90), "bob");

        assertThat(board.read(FINDING)).contains(new Finding("revenue up 4%", 90));
        assertThat(board.history()).extracting(Blackboard.Write::sequence, Blackboard.Write::writer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "alice"), org.assertj.core.groups.Tuple.tuple(2L, "bob"));
        assertThat(events).isEqualTo(board.history());
        assertThat(board.entries("research")).hasSize(1);
        assertThat(board.entries("plan")).isEmpty();
    }

    @Test
    void readingAsTheWrongTypeNamesTheEntryAndItsWriter() {
        Blackboard board = new Blackboard(clock);
        board.write(Blackboard.Key.of("research", "finding", String.class), "just text", "carol");

        assertThatThrownBy(() -> board.read(FINDING)).isInstanceOf(TeamException.class)
                .hasMessageContaining("research/finding written by 'carol' is not a Finding");
    }

    @Test
    void survivesARoundTripThroughJson() {
        Blackboard board = new Blackboard(clock);
        board.write(FINDING, new Finding("x", 1), "alice");

        Blackboard restored = Blackboard.fromJson(board.toJson(), clock);

        assertThat(restored.read(FINDING)).contains(new Finding("x", 1));
        assertThat(restored.history()).isEqualTo(board.history());
    }

    @Test
    void knowledgeWrittenByOneMemberIsFoundByAnother() {
        Blackboard board = new Blackboard(clock);
        var researcher = ScriptedLlm.of(
                toolCall("blackboard_write", "{\"scope\":\"research\",\"name\":\"q3\",\"value\":\"Q3 revenue rose 4%\"}"),
                text("noted"));
        var writer = ScriptedLlm.of(toolCall("blackboard_search", "{\"scope\":\"\",\"text\":\"revenue\"}"),
                request -> text("report: " + lastToolResult(request)).reply(request));
        Team team = Sequence.of("t", Member.of("researcher", agent("researcher", researcher, board.tools("researcher").toArray())),
                Member.of("writer", agent("writer", writer, board.tools("writer").toArray())));

        String output = team.runTeam(AgentRequest.of("go")).result().output();

        assertThat(output).isEqualTo("report: research/q3 (by researcher): Q3 revenue rose 4%");
        assertThat(board.history()).singleElement().satisfies(w -> assertThat(w.writer()).isEqualTo("researcher"));
    }

    @Test
    void toolsReportBadArgumentsToTheModel() {
        Blackboard board = new Blackboard(clock);
        var model = ScriptedLlm.of(toolCall("blackboard_read", "{\"scope\":\"research\"}"),
                request -> text(lastToolResult(request)).reply(request));

        String output = agent("a", model, board.tools("a").toArray()).run("go").output();

        // the toolbox validates against the tool's schema before the tool runs
        assertThat(output).startsWith("Error: invalid arguments for tool 'blackboard_read': field `name`")
                .contains("required");
    }
}
