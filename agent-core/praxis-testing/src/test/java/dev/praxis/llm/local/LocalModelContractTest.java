package dev.praxis.llm.local;

import dev.praxis.testing.contract.LlmClientContract;
import dev.praxis.llm.LlmClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The client contract for the in-process GGUF backend, on real weights. */
class LocalModelContractTest extends LlmClientContract {

    private static LocalModel model;

    @BeforeAll
    static void load() {
        model = LocalModel.load(LocalOptions.of(TestModels.require(TestModels.STORIES)).withContextSize(256));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Override
    protected LlmClient client() {
        return model;
    }
}
