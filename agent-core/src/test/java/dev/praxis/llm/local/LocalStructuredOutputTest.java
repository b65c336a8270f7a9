package dev.praxis.llm.local;

import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end: a tiny local model, grammar-constrained, always yields a valid typed value. */
class LocalStructuredOutputTest {

    enum Kind { CAT, DOG, FISH }

    record Pet(Kind kind, int legs, boolean happy) {
    }

    @Test
    void nativeStructuredOutputOnALocalModelGivesAValidRecordAtTheFirstAttempt() {
        try (LocalModel llm = LocalModel.load(LocalOptions.of(TestModels.require(TestModels.STORIES))
                .withContextSize(1024).withMaxTokens(64))) {
            AtomicInteger calls = new AtomicInteger();
            LlmClient counted = llm.with(next -> request -> {
                calls.incrementAndGet();
                return next.chat(request);
            });
            LlmAgent agent = LlmAgent.builder().llm(counted).nativeStructuredOutput(true).build();

            Pet pet = agent.run("Describe a pet.", Pet.class);

            assertThat(pet.kind()).isNotNull();
            assertThat(calls).hasValue(1);
        }
    }
}
