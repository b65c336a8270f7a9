package dev.praxis.examples.docs;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.Forgettable;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Turn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

// tag::memory-store[]
/** Keeps each conversation in a JSON file of its own, in a folder per user; survives restarts. */
public final class JsonFileMemory implements ConversationMemory, Forgettable {
    private final Path dir;

    public JsonFileMemory(Path dir) {
        this.dir = dir;
    }

    @Override
    public synchronized List<ChatMessage> messages(MemoryScope scope) {
        Path file = file(scope);
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            return List.copyOf(ChatMessageDeserializer.messagesFromJson(Files.readString(file)));  // a snapshot
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public synchronized void append(MemoryScope scope, Turn turn) {  // a Turn has each call with its result
        List<ChatMessage> all = new ArrayList<>(messages(scope));
        all.addAll(turn.messages());
        write(scope, ChatMessageSerializer.messagesToJson(all));
    }

    @Override
    public synchronized void clear(MemoryScope scope) {
        write(scope, "[]");
    }

    @Override
    public synchronized long forget(String tenant, String user) {      // erase everything of one person
        Path folder = dir.resolve(hex(tenant) + "-" + hex(user));
        try (Stream<Path> files = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
            long erased = 0;
            for (Path file : files.toList()) {
                Files.delete(file);
                erased++;
            }
            Files.deleteIfExists(folder);
            return erased;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot forget a user in " + dir, e);
        }
    }

    private void write(MemoryScope scope, String json) {
        try {
            Files.createDirectories(file(scope).getParent());
            Files.writeString(file(scope), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the conversation of " + scope, e);
        }
    }

    private Path file(MemoryScope scope) {                           // scope fields become safe file names
        return dir.resolve(hex(scope.tenant()) + "-" + hex(scope.user()))
                .resolve(hex(scope.agent()) + "-" + hex(scope.session()) + ".json");
    }

    private static String hex(String field) {
        return HexFormat.of().formatHex(field.getBytes(StandardCharsets.UTF_8));
    }
}
// end::memory-store[]
