package dev.praxis.spring;

import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.ContentCipher;
import dev.praxis.state.CheckpointStore;
import dev.praxis.store.jdbc.Dialect;
import dev.praxis.store.jdbc.JdbcStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Memory and checkpoints in the application's own database ({@code praxis.memory.store=jdbc},
 * {@code praxis.checkpoints.store=jdbc}): agent-memory's JDBC store over the {@link DataSource}
 * bean, SQLite or PostgreSQL, its tables migrated at start. The pool stays the application's.
 */
@AutoConfiguration(before = PraxisAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({JdbcStore.class, DataSource.class})
@Conditional(PraxisJdbcStoreAutoConfiguration.UsesJdbc.class)
public class PraxisJdbcStoreAutoConfiguration {

    /** The JDBC store over the application's {@code DataSource}; closing it leaves the pool open. */
    @Bean
    @ConditionalOnMissingBean
    JdbcStore praxisJdbcStore(ObjectProvider<DataSource> dataSource) {
        DataSource source = dataSource.getIfUnique(() -> {
            throw new IllegalStateException("praxis.memory.store=jdbc or praxis.checkpoints.store=jdbc needs one"
                    + " DataSource bean: set spring.datasource.url (SQLite or PostgreSQL) or declare one");
        });
        return JdbcStore.borrowing(source, dialectOf(source), "application DataSource");
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "praxis.memory.store", havingValue = "jdbc")
    ConversationMemory praxisConversationMemory(JdbcStore store, PraxisProperties properties) {
        return store.conversations(properties.memory().maxMessages(), properties.memory().ttl(), ContentCipher.NONE);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "praxis.checkpoints.store", havingValue = "jdbc")
    CheckpointStore praxisCheckpointStore(JdbcStore store) {
        return store.checkpoints();
    }

    static Dialect dialectOf(DataSource source) {
        String product;
        try (Connection connection = source.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the application's DataSource to choose the Praxis SQL"
                    + " dialect: " + e.getMessage(), e);
        }
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("sqlite")) {
            return Dialect.SQLITE;
        }
        if (name.contains("postgres")) {
            return Dialect.POSTGRES;
        }
        throw new IllegalStateException("the application's DataSource is " + product
                + "; Praxis's JDBC stores speak SQLite and PostgreSQL: use one of them, or praxis.*.store=redis|in-memory");
    }

    /** Either store set to {@code jdbc}. */
    static final class UsesJdbc extends AnyNestedCondition {

        UsesJdbc() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = "praxis.memory.store", havingValue = "jdbc")
        static final class Memory {
        }

        @ConditionalOnProperty(name = "praxis.checkpoints.store", havingValue = "jdbc")
        static final class Checkpoints {
        }
    }
}
