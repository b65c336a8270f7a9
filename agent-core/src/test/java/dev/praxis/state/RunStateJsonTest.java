package dev.praxis.state;

import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunStateJsonTest {

    @Test
    void roundTripsEveryField() {
        RunState state = CheckpointStoreContract.state("r1", 7, RunState.Phase.AWAITING_APPROVAL, 42);

        assertThat(RunStateJson.read(RunStateJson.write(state))).isEqualTo(state);
    }

    @Test
    void keepsCostsAndTheCostLimitExactly() {
        RunState state = CheckpointStoreContract.state("r1", 7, RunState.Phase.RUNNING, 42);

        RunState read = RunStateJson.read(RunStateJson.write(state));

        assertThat(read.usage().cost()).isEqualTo(new BigDecimal("0.0000042"));
        assertThat(read.steps().get(0).usage().cost()).isEqualTo(new BigDecimal("0.0000042"));
        assertThat(read.pending().orElseThrow().usage().cost()).isEqualTo(new BigDecimal("0.00000075"));
        assertThat(read.limits().maxCost()).isEqualTo(new BigDecimal("0.50"));
    }

    @Test
    void readsAStateWrittenBeforeCostsWereKeptAsFreeAndUnlimited() {
        String old = RunStateJson.write(CheckpointStoreContract.state("r1", 1, RunState.Phase.RUNNING, 1))
                .replaceAll(",\"cost\":\"[0-9.]+\"", "").replace(",\"maxCost\":\"0.50\"", "");

        RunState read = RunStateJson.read(old);

        assertThat(old).doesNotContain("cost", "maxCost");
        assertThat(read.usage().cost()).isZero();
        assertThat(read.limits().maxCost()).isEqualTo(RunState.Limits.NO_COST_LIMIT);
    }

    @Test
    void rejectsANegativeOrMalformedCost() {
        String json = RunStateJson.write(CheckpointStoreContract.state("r1", 1, RunState.Phase.RUNNING, 1));

        assertThatThrownBy(() -> RunStateJson.read(json.replace("\"maxCost\":\"0.50\"", "\"maxCost\":\"lots\"")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("field 'maxCost' is not a decimal: 'lots'");
        assertThatThrownBy(() -> RunStateJson.read(json.replace("\"cost\":\"0.0000042\"", "\"cost\":\"-1\"")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("cost must not be negative");
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
