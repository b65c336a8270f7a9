package dev.praxis.memory;

class InMemoryVectorStoreTest extends VectorStoreContract {

    @Override
    protected VectorStore createStore() {
        return new InMemoryVectorStore();
    }
}
