package dev.praxis.examples;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.examples.offline.OfflineLlm;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuickStartTest {

    private final LlmAgent agent = LlmAgent.builder().llm(OfflineLlm.basic()).tools(new Arithmetic()).build();

    @Test
    void offlineModeRoutesToTheMatchingToolAndReportsItsAnswer() {
        AgentResult result = agent.run("What is 1234 times 5678?");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo(OfflineLlm.LABEL + " the multiply tool says: 7006652");
        assertThat(result.steps().get(0).calls().get(0).arguments()).isEqualTo("{\"a\":1234,\"b\":5678}");
    }

    @Test
    void offlineAnswerDependsOnWhatTheUserTypes() {
        assertThat(agent.run("subtract 10 minus 58").output()).endsWith("the subtract tool says: -48");
        assertThat(agent.run("divide 7 by 0").output()).endsWith("could not do that: cannot divide by zero");
    }

    @Test
    void offlineModeSaysPlainlyWhenItDoesNotUnderstand() {
        AgentResult result = agent.run("Tell me a poem about the sea");

        assertThat(result.output()).startsWith(OfflineLlm.LABEL + " I did not understand").contains("multiply (");
        assertThat(agent.run("multiply 3").output()).contains("to use multiply I still need b");
    }

    @Test
    void firstLineOfOutputSaysWhichModelAnswers() {
        var bytes = new ByteArrayOutputStream();

        Models.choose(Map.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow())
                .startsWith("Model: " + OfflineLlm.LABEL);
    }
}
