package dev.praxis.examples.docs;

import dev.praxis.testing.contract.ConversationMemoryContract;
import dev.praxis.memory.ConversationMemory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The memory store of docs/extending.md meets the contract every ConversationMemory must. */
// tag::memory-contract[]
class JsonFileMemoryTest extends ConversationMemoryContract {

    @TempDir
    Path dir;

    @Override
    protected ConversationMemory createMemory() {
        return new JsonFileMemory(dir);
    }
}
// end::memory-contract[]
