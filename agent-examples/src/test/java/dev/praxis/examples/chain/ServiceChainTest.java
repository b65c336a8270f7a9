package dev.praxis.examples.chain;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.Status;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.team.Blackboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceChainTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private ExampleContext context() {
        return ExampleContext.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), data);
    }

    @Test
    void reviewerSendsTheFirstDraftBackAndApprovesTheRevision() {
        new ServiceChain().run(context());

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("REVISE: cover [warranty]")
                .contains("APPROVED: covers [price, battery, warranty]")
                .contains("result> COMPLETED")
                .contains("#1 research/findings by researcher")
                .contains("#5 review/latest by reviewer");
    }

    @Test
    void sendBackIsBoundedWhenTheChecklistCannotBeMet() {
        var board = new Blackboard();
        var chain = ServiceChain.team(OfflineLlm.basic(), board, List.of("colour"), context());

        var result = chain.runTeam(AgentRequest.of(ServiceChain.TASK));

        assertThat(result.result().status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.result().reason()).contains("reached its bound of 3 round(s) without approval");
        assertThat(board.history().stream().filter(w -> w.name().equals("draft")).count()).isEqualTo(3);
    }
}
