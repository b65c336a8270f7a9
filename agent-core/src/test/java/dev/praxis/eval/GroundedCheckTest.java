package dev.praxis.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.agent.LlmAgent;
import dev.praxis.knowledge.Passage;
import dev.praxis.knowledge.Retrieval;
import dev.praxis.knowledge.Retriever;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GroundedCheckTest {

    private static final Retriever FAQ = query -> List.of(
            new Passage("refunds#0", "refunds", "Refunds reach your card within 14 days of the return.", 0.9, Map.of()),
            new Passage("shipping#0", "shipping", "Orders ship within 2 working days from Lyon.", 0.4, Map.of()));

    private static CheckResult grounded(String answer) {
        var agent = LlmAgent.builder().llm(ScriptedLlm.of(ScriptedLlm.text(answer)))
                .knowledge(Retrieval.inject(FAQ)).build();
        var result = agent.run("How long do refunds take?");
        return new Check.Grounded(0.6).check(new Answer(new EvalCase("c", "q", List.of(), List.of()), result),
                Optional.empty());
    }

    @Test
    void anAnswerSayingWhatItsCitationSaysPasses() {
        CheckResult result = grounded("Refunds reach your card within 14 days of the return [refunds#0]."
                + " Orders ship within 2 working days [shipping#0].");

        assertThat(result.passed()).as(result.detail()).isTrue();
        assertThat(result.score()).isEqualTo(1.0);
    }

    @Test
    void aWrongNumberIsNotGroundedEvenWithACitation() {
        CheckResult result = grounded("Refunds reach your card within 30 days of the return [refunds#0].");

        assertThat(result.passed()).isFalse();
        assertThat(result.detail()).contains("not in the cited passages", "30 days");
    }

    @Test
    void aClaimFoundOnlyInAnotherPassageThanTheOneItCitesFails() {
        CheckResult result = grounded("Orders ship within 2 working days from Lyon [refunds#0].");

        assertThat(result.passed()).isFalse();
    }

    @Test
    void aSentenceAddingUnsupportedClaimsLowersTheScore() {
        CheckResult result = grounded("Refunds reach your card within 14 days [refunds#0]. We also pay a bonus voucher"
                + " for every late parcel.");

        assertThat(result.passed()).isFalse();
        assertThat(result.score()).isEqualTo(0.5);
        assertThat(result.detail()).contains("bonus voucher");
    }

    @Test
    void citingASourceThatWasNotRetrievedFails() {
        CheckResult result = grounded("Refunds reach your card within 14 days [refunds#0][policy#3].");

        assertThat(result.passed()).isFalse();
        assertThat(result.detail()).contains("not retrieved", "policy#3");
    }

    @Test
    void anAnswerCitingNothingFails() {
        CheckResult result = grounded("Refunds reach your card within 14 days of the return.");

        assertThat(result.passed()).isFalse();
        assertThat(result.detail()).contains("cites no retrieved passage");
    }

    @Test
    void suitesNameTheCheckGrounded() throws Exception {
        Check check = CheckParser.parse(new ObjectMapper().readTree("{\"type\":\"grounded\",\"min_support\":0.8}"),
                List.of());

        assertThat(check).isEqualTo(new Check.Grounded(0.8));
    }
}
