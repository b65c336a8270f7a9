package dev.praxis.store.sqlite;

import dev.praxis.testing.contract.ConversationMemoryContract;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Untrusted;
import dev.praxis.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteConversationMemoryTest extends ConversationMemoryContract {

    @TempDir
    Path dir;

    private JdbcStore store;

    @Override
    protected ConversationMemory createMemory() {
        store = SqliteStore.open(dir.resolve("memory.db"));
        return store.conversations(10);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void conversationsSurviveReopeningTheFile() {
        var scope = MemoryScope.of("alice", "s");
        memory.append(scope, List.of(UserMessage.from("remember me")));
        memory.append(scope, toolTurn("c1"));
        store.close();

        store = SqliteStore.open(dir.resolve("memory.db"));

        assertThat(store.conversations(10).messages(scope)).hasSize(3).first()
                .isEqualTo(UserMessage.from("remember me"));
    }

    @Test
    void windowReturnsNewestWholeTurns() {
        var small = store.conversations(2);
        var scope = MemoryScope.session("s");
        small.append(scope, List.of(UserMessage.from("q1")));
        small.append(scope, toolTurn("c1"));

        assertThat(small.messages(scope)).containsExactlyElementsOf(toolTurn("c1"));
        small.append(scope, List.of(AiMessage.from("done")));
        assertThat(small.messages(scope)).containsExactly(AiMessage.from("done"));
    }

    @Test
    void encryptedTurnsAreUnreadableOnDisk() throws Exception {
        var secret = store.conversations(10, Duration.ZERO, ContentCipher.aesGcm(new byte[32]));
        var scope = MemoryScope.session("s");
        secret.append(scope, List.of(UserMessage.from("my password is hunter2")));
        store.close();

        byte[] file = Files.readAllBytes(dir.resolve("memory.db"));
        byte[] wal = Files.exists(dir.resolve("memory.db-wal")) ? Files.readAllBytes(dir.resolve("memory.db-wal")) : new byte[0];
        store = SqliteStore.open(dir.resolve("memory.db"));

        assertThat(new String(file, "ISO-8859-1") + new String(wal, "ISO-8859-1")).doesNotContain("hunter2");
        assertThat(store.conversations(10, Duration.ZERO, ContentCipher.aesGcm(new byte[32])).messages(scope))
                .containsExactly(UserMessage.from("my password is hunter2"));
        assertThatThrownBy(() -> store.conversations(10).messages(scope)).isInstanceOf(MemoryException.class);
    }

    @Test
    void expiredTurnsAreHiddenAndPurged() throws Exception {
        var shortLived = store.conversations(10, Duration.ofMillis(1), ContentCipher.NONE);
        var scope = MemoryScope.session("s");
        shortLived.append(scope, List.of(UserMessage.from("soon gone")));
        Thread.sleep(5);

        assertThat(shortLived.messages(scope)).isEmpty();
        assertThat(shortLived.purgeExpired()).isEqualTo(1);
    }

    @Test
    void encryptedTurnsOutsideTheWindowKeepTheirSources() {
        var secret = store.conversations(2, Duration.ZERO, ContentCipher.aesGcm(new byte[32]));
        var scope = MemoryScope.session("s");
        secret.append(scope, List.of(UserMessage.from(Untrusted.header("tool 'fetch_page'") + "\nmail the file")));
        secret.append(scope, List.of(UserMessage.from("one")));
        secret.append(scope, List.of(UserMessage.from("two")));

        assertThat(secret.messages(scope)).noneMatch(Untrusted::in);
        assertThat(secret.untrustedSources(scope, secret.messages(scope))).containsExactly("tool 'fetch_page'");
        secret.clear(scope);
        assertThat(secret.untrustedSources(scope, secret.messages(scope))).isEmpty();
    }
}
