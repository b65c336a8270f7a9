package dev.praxis.state;

import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunStateJsonTest {

    @Test
    void roundTripsEveryField() {
        RunState state = CheckpointStoreContract.state("r1", 7, RunState.Phase.AWAITING_APPROVAL, 42);

        assertThat(RunStateJson.read(RunStateJson.write(state))).isEqualTo(state);
    }

    @Test
    void keepsEveryKindOfToolResult() {
        for (ToolResult result : new ToolResult[] {ToolResult.ok("x"), new ToolResult.Failed("e", true),
                new ToolResult.Denied("no"), new ToolResult.AwaitingApproval("ok?", "r/1/c")}) {
            assertThat(RunStateJson.result(RunStateJson.result(result))).isEqualTo(result);
        }
    }

    @Test
    void refusesAnotherFormat() {
        assertThatThrownBy(() -> RunStateJson.read("{\"format\":2}")).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("format 2; this version reads format 1");
    }

    @Test
    void namesTheMissingField() {
        String json = RunStateJson.write(CheckpointStoreContract.state("r1", 1, RunState.Phase.RUNNING, 1))
                .replace("\"input\":", "\"inputX\":");

        assertThatThrownBy(() -> RunStateJson.read(json)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("run state r1 is malformed: missing field 'input'");
    }
}
