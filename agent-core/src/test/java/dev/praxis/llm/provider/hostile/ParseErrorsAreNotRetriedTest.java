package dev.praxis.llm.provider.hostile;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.Retry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 200 whose body is not a chat response is a deterministic failure: the same server sends the
 * same body again, so a retry only spends the run's time. Behind {@link Retry} it is asked for
 * once, with no back-off, in every dialect, blocking and streaming.
 */
class ParseErrorsAreNotRetriedTest {

    @ParameterizedTest
    @ValueSource(strings = {"200 with a garbage body", "200 with an HTML page"})
    void aBodyThatIsNotAChatResponseIsNotRetried(String name) throws Exception {
        Scenario scenario = Scenario.all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        for (Dialect dialect : scenario.dialects()) {
            for (boolean streaming : new boolean[] {false, true}) {
                List<Duration> sleeps = new CopyOnWriteArrayList<>();
                try (HostileServer server = new HostileServer(scenario.script().replies(dialect, streaming))) {
                    LlmClient llm = LlmClients.from(dialect.settings(server))
                            .with(Retry.upTo(4).timing(sleeps::add, () -> 0.1));

                    AgentResult result = LlmAgent.builder().llm(llm).streaming(streaming).build().run("What is 2+3?");

                    String cell = dialect + (streaming ? " streaming" : " blocking");
                    assertThat(result.status()).as(cell).isEqualTo(Status.FAILED);
                    assertThat(server.requestCount()).as(cell + ": requests").isEqualTo(1);
                    assertThat(sleeps).as(cell + ": back-off waits").isEmpty();
                }
            }
        }
    }
}
