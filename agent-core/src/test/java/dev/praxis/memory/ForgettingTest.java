package dev.praxis.memory;

import dev.praxis.state.CheckpointException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class ForgettingTest {

    private final List<String> asked = new ArrayList<>();

    private Forgettable erasing(String name, long count) {
        return (tenant, user) -> {
            asked.add(name + ":" + tenant + "/" + user);
            return count;
        };
    }

    private Forgettable failing(String name, RuntimeException failure) {
        return (tenant, user) -> {
            asked.add(name + ":" + tenant + "/" + user);
            throw failure;
        };
    }

    @Test
    void reportsWhatEachStoreErasedInTheOrderAdded() {
        Forgetting all = Forgetting.of("db", erasing("db", 12)).and("runs", erasing("runs", 2));

        assertThat(all.forgetEach("acme", "alice")).containsExactly(entry("db", 12L), entry("runs", 2L));
        assertThat(all.forget("acme", "alice")).isEqualTo(14);
        assertThat(asked).containsExactly("db:acme/alice", "runs:acme/alice", "db:acme/alice", "runs:acme/alice");
    }

    @Test
    void aFailingStoreDoesNotStopTheOthersAndIsNamedInATypedError() {
        Forgetting all = Forgetting.of("redis", failing("redis", new CheckpointException("down", null, true)))
                .and("db", erasing("db", 3))
                .and("files", failing("files", new MemoryException("disk full", null, false)));

        assertThatThrownBy(() -> all.forgetEach("acme", "alice")).isInstanceOfSatisfying(ForgetFailedException.class,
                e -> {
                    assertThat(e.failures()).containsOnlyKeys("redis", "files");
                    assertThat(e.erased()).containsExactly(entry("db", 3L));
                    assertThat(e.getMessage()).contains("[redis, files]").doesNotContain("alice");
                    assertThat(e.isRetriable()).isFalse();
                    assertThat(e.getSuppressed()).hasSize(1);
                });
        assertThat(asked).containsExactly("redis:acme/alice", "db:acme/alice", "files:acme/alice");
    }

    @Test
    void retriableWhenEveryFailureIs() {
        Forgetting all = Forgetting.of("redis", failing("redis", new CheckpointException("down", null, true)));

        assertThatThrownBy(() -> all.forget("acme", "alice"))
                .isInstanceOfSatisfying(ForgetFailedException.class, e -> assertThat(e.isRetriable()).isTrue());
    }

    @Test
    void namesMustBeUniqueAndNotBlank() {
        Forgetting one = Forgetting.of("db", erasing("db", 0));

        assertThatThrownBy(() -> one.and("db", erasing("x", 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'db'");
        assertThatThrownBy(() -> one.and(" ", erasing("x", 0))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Map.copyOf(one.forgetEach("t", "u"))).containsOnlyKeys("db");
    }
}
