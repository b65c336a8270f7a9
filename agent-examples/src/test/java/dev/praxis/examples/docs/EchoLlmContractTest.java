package dev.praxis.examples.docs;

import dev.praxis.llm.LlmClient;
import dev.praxis.testing.contract.LlmClientContract;

/** docs/testing.md: the user's model client meets the contract every client must. */
// tag::client-contract[]
class EchoLlmContractTest extends LlmClientContract {

    @Override
    protected LlmClient client() {
        return new EchoLlm();
    }
}
// end::client-contract[]
