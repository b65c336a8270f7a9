package dev.praxis.store.postgres;

import dev.praxis.testing.contract.ConversationMemoryContract;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresConversationMemoryTest extends ConversationMemoryContract {

    private JdbcStore store;
    private String url;

    @Override
    protected ConversationMemory createMemory() {
        url = PostgresServer.newDatabase();
        store = PostgresStore.open(url, "postgres", "", 4);
        return store.conversations(10);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void encryptedConversationsSurviveANewPool() {
        var key = ContentCipher.aesGcm(new byte[16]);
        var scope = MemoryScope.of("alice", "s");
        store.conversations(10, Duration.ZERO, key).append(scope, List.of(UserMessage.from("card 4111")));
        store.close();

        store = PostgresStore.open(url, "postgres", "", 2);

        assertThat(store.conversations(10, Duration.ZERO, key).messages(scope))
                .containsExactly(UserMessage.from("card 4111"));
    }

    @Test
    void rejectsUrlsOfOtherDatabases() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PostgresStore.open("jdbc:mysql://x/y", "u", "secret", 1))
                .hasMessageContaining("not a PostgreSQL JDBC URL").hasMessageNotContaining("secret");
    }
}
