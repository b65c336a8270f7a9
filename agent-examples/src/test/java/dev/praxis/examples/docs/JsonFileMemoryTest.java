package dev.praxis.examples.docs;

import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.ConversationMemoryContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The memory store of docs/extending.md meets the contract every ConversationMemory must. */
class JsonFileMemoryTest extends ConversationMemoryContract {

    @TempDir
    Path dir;

    @Override
    protected ConversationMemory createMemory() {
        return new JsonFileMemory(dir);
    }
}
