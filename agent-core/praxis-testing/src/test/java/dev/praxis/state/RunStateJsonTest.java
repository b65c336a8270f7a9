package dev.praxis.state;

import dev.praxis.testing.contract.CheckpointStoreContract;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
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

    @Test
    void roundTripsTheOwnerOfARunWithoutASession() {
        RunState state = CheckpointStoreContract.owned("r1", 1, 1, null, new Owner("acme", "alice"));

        String json = RunStateJson.write(state);

        assertThat(RunStateJson.read(json)).isEqualTo(state);
        assertThat(RunStateJson.owner(json)).contains(new Owner("acme", "alice"));
        assertThat(RunStateJson.owner(RunStateJson.write(CheckpointStoreContract.owned("r2", 1, 1, null, null))))
                .isEmpty();
    }

    @Test
    void aStateWrittenBeforeOwnersBelongsToItsSessionsUser() {
        String old = RunStateJson.write(CheckpointStoreContract.state("r1", 1, RunState.Phase.RUNNING, 1))
                .replaceAll(",\"owner\":\\{[^}]*\\}", "");

        assertThat(old).doesNotContain("\"owner\"");
        assertThat(RunStateJson.owner(old)).contains(Owner.of("alice"));
        assertThat(RunStateJson.read(old).owner()).contains(Owner.of("alice"));
    }

    @Test
    void anOwnerOtherThanTheSessionsIsRefused() {
        assertThatThrownBy(() -> CheckpointStoreContract.owned("r1", 1, 1, MemoryScope.of("alice", "s1"),
                new Owner("acme", "alice"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its session belongs to");
        assertThat(CheckpointStoreContract.owned("r1", 1, 1, MemoryScope.of("alice", "s1"), null).owner())
                .contains(Owner.of("alice"));
    }
}
