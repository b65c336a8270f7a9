package dev.praxis.store.checkpoint;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Status;
import dev.praxis.state.RunState;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import dev.praxis.team.Blackboard;
import dev.praxis.team.MemberRun;
import dev.praxis.team.Resumption;
import dev.praxis.team.Sequence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real crash of a whole team: a child JVM runs the {@link Desk} team (plan, payments,
 * report; one SQLite checkpoint store for the team and its members; a blackboard saved with
 * the team), is killed with {@code destroyForcibly} inside one member or another, and this JVM
 * resumes the team from the store with newly built agents and an empty blackboard. The team
 * must finish with every bank effect and the board write exactly once, finished members not
 * run again, and the board back as the plan member left it.
 */
class TeamCrashResumeTest {

    @TempDir
    Path dir;
    private JdbcStore checkpointFile;

    @AfterEach
    void closeStore() {
        if (checkpointFile != null) {
            checkpointFile.close(); // its pool must not touch the file while the directory is deleted
        }
    }

    @ParameterizedTest(name = "killed at {0}")
    @CsvSource({
            // point[+tools finished meanwhile]: inside plan after its board write; inside payments in the
            // middle of its parallel debit+credit step; between payments' steps; inside report after its board read
            "plan:model:2,          1",
            "credit:before+debit,   2",
            "model:2,               1",
            "report:model:2,        1",
    })
    void resumesTheWholeTeamWithEveryEffectExactlyOnce(String point, int credits)
            throws Exception {
        Path checkpoints = dir.resolve("runs.db");
        Path bank = dir.resolve("bank.db");
        CrashResumeTest.killChildAt(TeamCrashingChild.class, point, checkpoints.toString(), bank.toString());

        checkpointFile = SqliteStore.open(checkpoints);
        var store = checkpointFile.checkpoints();
        List<String> left = store.runIds(RunState.Phase.RUNNING);
        assertThat(left).as("the team and the member under way are left running").hasSize(2);
        String teamRun = left.stream().filter(id -> store.load(id).orElseThrow().agent().equals("desk")).findFirst()
                .orElseThrow();
        Blackboard board = new Blackboard();
        Sequence team = Desk.team(bank, store, board, p -> { });

        AgentResult result = team.resume(teamRun);

        assertThat(result.status()).as(result.reason()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("report: desk/plan (by plan): " + Desk.PLAN
                + " | moved 10 from A to B and notified");
        for (String effect : Payments.EFFECTS) {
            assertThat(Payments.count(bank, "effects", effect)).as("effects of " + effect).isEqualTo(1);
        }
        assertThat(Payments.count(bank, "attempts", "credit")).as("credit attempts").isEqualTo(credits);
        assertThat(board.history()).as("the plan was written once, in the child, and restored")
                .singleElement().satisfies(w -> assertThat(w.writer()).isEqualTo("plan"));
        RunState ended = store.load(teamRun).orElseThrow();
        assertThat(ended.phase()).isEqualTo(RunState.Phase.ENDED);
        assertThat(store.runIds(RunState.Phase.RUNNING)).as("no member is left running").isEmpty();
        assertThat(team.resumeTeam(teamRun, Resumption.afterCrash()).members())
                .extracting(MemberRun::member).containsExactly("plan", "payments", "report");
        assertThat(store.load(teamRun + ".plan.1").orElseThrow().steps()).as("plan's model calls, in both processes")
                .hasSize(2);
    }
}
