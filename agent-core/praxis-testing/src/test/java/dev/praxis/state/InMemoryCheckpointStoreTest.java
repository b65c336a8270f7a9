package dev.praxis.state;

import dev.praxis.testing.contract.CheckpointStoreContract;

class InMemoryCheckpointStoreTest extends CheckpointStoreContract {

    @Override
    protected CheckpointStore store() {
        return new InMemoryCheckpointStore();
    }
}
