package dev.praxis.memory;

import dev.praxis.testing.contract.VectorStoreContract;

class InMemoryVectorStoreTest extends VectorStoreContract {

    @Override
    protected VectorStore createStore() {
        return new InMemoryVectorStore();
    }
}
