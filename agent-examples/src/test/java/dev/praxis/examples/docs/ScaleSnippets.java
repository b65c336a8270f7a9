package dev.praxis.examples.docs;

import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.distributed.KafkaWorker;
import dev.praxis.distributed.RunClient;
import dev.praxis.distributed.RunOutcome;
import dev.praxis.distributed.RunRequest;
import dev.praxis.distributed.Topics;
import dev.praxis.memory.MemoryScope;
import dev.praxis.state.CheckpointStore;
import dev.praxis.store.postgres.PostgresStore;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The code of docs/scale.md. The worker and client snippets need a Kafka broker, so they are
 * compiled here and run against a real one by agent-memory's {@code KafkaWorkerTest} and
 * {@code WorkerFleetTest}; the tests below run the parts that need no broker.
 */
class ScaleSnippets {

    static KafkaWorker worker(LlmAgent supportAgent, String jdbcUrl, String user, String password) {
        // tag::worker[]
        CheckpointStore shared = PostgresStore.open(jdbcUrl, user, password, 8).checkpoints();
        KafkaWorker worker = KafkaWorker.builder()
                .bootstrapServers("kafka-1:9092,kafka-2:9092")
                .topics(Topics.named("praxis"))          // praxis.runs, .results, .events, .dead-letters
                .group("praxis-workers")                 // every worker of the deployment
                .checkpoints(shared)                     // the store all workers share
                .agent(supportAgent)                     // requests name it by supportAgent.name()
                .maxInFlight(32)                         // runs at once in this JVM
                .maxAttempts(3)                          // then the run goes to the dead-letter topic
                .kafkaProperty("session.timeout.ms", 10_000)
                .start();
        // end::worker[]
        return worker;
    }

    static String client() throws Exception {
        // tag::client[]
        try (RunClient client = RunClient.connect("kafka-1:9092", Topics.named("praxis"))) {
            String runId = client.submit(new RunRequest("support", MemoryScope.of("alice", "chat-42"),
                    "Where is my order?"));
            AutoCloseable progress = client.subscribe(event -> {
                if (event.runId().equals(runId)) {
                    System.out.println(event.type() + " " + event.detail());
                }
            });
            RunOutcome outcome = client.await(runId, Duration.ofMinutes(2));
            if (outcome.status() == Status.AWAITING_APPROVAL) {
                client.decide(outcome, ApprovalDecision.allow());   // any worker may pick the decision up
                outcome = client.await(runId, Duration.ofMinutes(2));
            }
            progress.close();
            return outcome.output();
        }
        // end::client[]
    }

    @Test
    void requestsAndTopicsAreValidatedWithoutABroker() {
        RunRequest request = new RunRequest("support", MemoryScope.of("alice", "chat-42"), "Where is my order?");

        assertThat(request.session().key()).isEqualTo("default/alice/default/chat-42");
        assertThat(Topics.named("praxis").all())
                .containsExactly("praxis.runs", "praxis.results", "praxis.events", "praxis.dead-letters");
        assertThatThrownBy(() -> new RunRequest(" ", MemoryScope.session("s"), "hi"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name of an agent");
    }

    @Test
    void aWorkerNeedsAStoreAndAnAgent() {
        LlmAgent agent = LlmAgent.builder().name("support").llm(ScriptedLlm.of()).build();

        assertThatThrownBy(() -> KafkaWorker.builder().bootstrapServers("localhost:9").agent(agent).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("checkpoints(...)");
        assertThatThrownBy(() -> KafkaWorker.builder().agent(agent).agent(agent))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two agents are named 'support'");
    }
}
