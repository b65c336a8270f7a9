package dev.praxis.distributed;

import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ImageContent;
import dev.praxis.content.EmbeddedResource;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;
import dev.praxis.knowledge.Passage;
import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.ApprovalDecision;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireTest {

    private static Command read(String json) {
        return Wire.command(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aStartRecordRoundTripsWithSessionAndBudget() {
        RunRequest request = new RunRequest("shop", MemoryScope.of("alice", "s1"), "order 1")
                .withBudget(Budget.DEFAULT.withMaxSteps(4).withMaxTime(Duration.ofSeconds(30)));

        Command command = Wire.command(Wire.start("run-1", request));

        assertThat(command).isEqualTo(new Command.Start("run-1", request));
        assertThat(Wire.runIdOf(Wire.start("run-1", request))).isEqualTo("run-1");
    }

    @Test
    void attachmentsRoundTripInlineAndByUrlUnderFormatTwo() {
        RunRequest request = new RunRequest("shop", MemoryScope.of("alice", "s1"), "see photo").attach(
                ImageContent.from("aGVsbG8=", "image/png"), ImageContent.from(URI.create("https://example.com/a.jpg")),
                AudioContent.from("AAEC", "audio/wav"), EmbeddedResource.binary("file:///a.bin", "application/x-a",
                        new byte[] {1, 2}), EmbeddedResource.text("file:///n.md", "text/markdown", "# n"));

        byte[] record = Wire.start("run-1", request);

        assertThat(Wire.command(record)).isEqualTo(new Command.Start("run-1", request));
        assertThat(new String(record, StandardCharsets.UTF_8)).contains("\"format\":2");
        assertThat(new String(Wire.start("run-2", new RunRequest("shop", MemoryScope.of("a", "s"), "x")),
                StandardCharsets.UTF_8)).contains("\"format\":1");
    }

    @Test
    void aBadAttachmentIsRefusedNamingIt() {
        String start = "{\"format\":2,\"type\":\"start\",\"runId\":\"r\",\"agent\":\"a\",\"input\":\"x\","
                + "\"session\":{\"tenant\":\"t\",\"user\":\"u\",\"agent\":\"a\",\"session\":\"s\"},";
        assertThatThrownBy(() -> read(start + "\"attachments\":[{\"kind\":\"image\",\"base64\":\"!!\"}]}"))
                .hasMessageContaining("attachment 0 has invalid base64");
        assertThatThrownBy(() -> read(start + "\"attachments\":[{\"kind\":\"hologram\",\"url\":\"x:y\"}]}"))
                .hasMessageContaining("unknown kind 'hologram'");
    }

    @Test
    void anOpenQuestionIsNotSentAsADecision() {
        assertThatThrownBy(() -> Wire.decide("run-1", "k", ApprovalDecision.askPerson("who pays?")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("askPerson");
    }

    @Test
    void everyDecisionRoundTrips() {
        for (ApprovalDecision decision : new ApprovalDecision[] {ApprovalDecision.allow(),
                ApprovalDecision.deny("too much"), ApprovalDecision.edit("{\"amount\":5}"),
                ApprovalDecision.answer("blue")}) {
            assertThat(Wire.command(Wire.decide("run-1", "k", decision)))
                    .isEqualTo(new Command.Decide("run-1", "k", decision));
        }
    }

    @Test
    void anOutcomeKeepsItsCitationsAndUntrustedSourcesSealedOnTheTopic() {
        Passage refunds = new Passage("kb", "refunds.md#2", "Refunds take 5 days PASSAGE-7c1f", 0.91,
                Map.of("lang", "en"));
        AgentResult result = new AgentResult("run-1", Status.COMPLETED, "Five days [refunds.md#2].", List.of(),
                Usage.ZERO, "", List.of(refunds), Set.of("tool 'fetch_page' (https://evil.test/SOURCE-2b9a)"));
        RunOutcome outcome = Events.outcome(result, "shop", MemoryScope.of("alice", "s1").key(), List.of(), "w1");
        PayloadKeys keys = PayloadKeys.inMemory();

        byte[] sealed = Wire.outcome(outcome, keys);

        assertThat(outcome.citations()).containsExactly(refunds);
        assertThat(outcome.untrusted()).containsExactly("tool 'fetch_page' (https://evil.test/SOURCE-2b9a)");
        assertThat(Wire.outcome(sealed, keys)).isEqualTo(outcome);
        assertThat(Wire.outcome(Wire.outcome(outcome))).isEqualTo(outcome);
        assertThat(new String(sealed, StandardCharsets.UTF_8)).doesNotContain("PASSAGE-7c1f", "SOURCE-2b9a");
    }

    @Test
    void anOutcomeWrittenBeforeCitationsExistedReadsWithNone() {
        String old = "{\"runId\":\"r\",\"agent\":\"a\",\"session\":\"t/u/a/s\",\"status\":\"COMPLETED\","
                + "\"output\":\"ok\",\"reason\":\"\",\"steps\":1,\"inputTokens\":2,\"outputTokens\":3,"
                + "\"pending\":[],\"worker\":\"w\"}";

        RunOutcome outcome = Wire.outcome(old.getBytes(StandardCharsets.UTF_8));

        assertThat(outcome.output()).isEqualTo("ok");
        assertThat(outcome.citations()).isEmpty();
        assertThat(outcome.untrusted()).isEmpty();
    }

    @Test
    void badRecordsFailWithTheFieldNamed() {
        assertThatThrownBy(() -> read("[1]")).isInstanceOf(MalformedRecordException.class)
                .hasMessage("the record is not a JSON object");
        assertThatThrownBy(() -> read("{\"format\":3}")).hasMessage("unsupported format 3; expected 1 or 2");
        assertThatThrownBy(() -> read("{\"format\":1,\"type\":\"start\",\"runId\":7}"))
                .hasMessage("field 'runId' must be a string, got number");
        assertThatThrownBy(() -> read("{\"format\":1,\"type\":\"stop\",\"runId\":\"r\"}"))
                .hasMessage("unknown type 'stop'; expected start or decide");
        assertThatThrownBy(() -> read("{\"format\":1,\"type\":\"start\",\"runId\":\"r\",\"agent\":\" \","
                + "\"input\":\"x\",\"session\":{\"tenant\":\"t\",\"user\":\"u\",\"agent\":\"a\",\"session\":\"s\"}}"))
                .hasMessageContaining("invalid start record for run r: a run request needs the name of an agent");
        assertThatThrownBy(() -> read("{\"format\":1,\"type\":\"start\",\"runId\":\"../../x\",\"agent\":\"a\","
                + "\"input\":\"x\",\"session\":{\"tenant\":\"t\",\"user\":\"u\",\"agent\":\"a\",\"session\":\"s\"}}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("run id");
        assertThatThrownBy(() -> read("{\"format\":1,\"type\":\"decide\",\"runId\":\"r\",\"session\":\"k\","
                + "\"decision\":{\"kind\":\"maybe\"}}")).hasMessage("unknown decision kind 'maybe'");
        assertThatThrownBy(() -> Wire.command(null)).hasMessage("the record has no value (a tombstone?)");
        assertThat(Wire.runIdOf("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
