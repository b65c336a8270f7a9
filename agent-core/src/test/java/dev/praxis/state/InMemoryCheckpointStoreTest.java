package dev.praxis.state;

class InMemoryCheckpointStoreTest extends CheckpointStoreContract {

    @Override
    protected CheckpointStore store() {
        return new InMemoryCheckpointStore();
    }
}
