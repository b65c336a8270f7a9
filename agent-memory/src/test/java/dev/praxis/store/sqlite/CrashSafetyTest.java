package dev.praxis.store.sqlite;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.praxis.memory.VectorRecord;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.lucene.LuceneIndexedStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a child JVM (SIGKILL) while it writes, then checks that the store opens and holds only
 * whole records: every document has all its chunks, every chunk is intact, every tool call has
 * its result, and the Lucene index (rebuilt after the unclean stop) agrees with the store.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"plain", "lucene"})
    void aKilledWriterLeavesOnlyWholeRecords(String mode) throws Exception {
        Path file = dir.resolve("memory.db");
        Path index = dir.resolve("memory.index");
        Process child = startWriter(file, mode, index);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("ready"));
            assertThat(line).as("the writer process reported ready").isEqualTo("ready");
            Thread.sleep(300);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (JdbcStore store = SqliteStore.open(file)) {
            Map<String, List<VectorRecord>> documents = new HashMap<>();
            store.vectors().forEach("knowledge", r -> documents.computeIfAbsent(r.documentId(), d -> new ArrayList<>()).add(r));
            assertThat(documents).hasSizeGreaterThan(20);
            documents.forEach((doc, chunks) -> {
                assertThat(chunks).as(doc).hasSize(CrashWriter.CHUNKS);
                int n = Integer.parseInt(doc.substring(4));
                for (VectorRecord r : chunks) {
                    int c = Integer.parseInt(r.id().substring(r.id().indexOf('#') + 1));
                    assertThat(r.content()).isEqualTo(CrashWriter.expectedContent(doc, c));
                    assertThat(r.vector()).containsExactly(CrashWriter.vector(n, c));
                }
            });
            List<ChatMessage> turns = store.conversations(100_000).messages(CrashWriter.SCOPE);
            assertThat(turns.size()).isEven().isGreaterThan(40);
            for (int i = 0; i < turns.size(); i += 2) {
                assertThat(turns.get(i)).isInstanceOf(AiMessage.class);
                assertThat(turns.get(i + 1)).isInstanceOf(ToolExecutionResultMessage.class);
            }
        }
        if (mode.equals("lucene")) {
            JdbcStore reopened = SqliteStore.open(file);
            try (LuceneIndexedStore indexed = LuceneIndexedStore.open(reopened.vectors(), index, Set.of("knowledge"), 0)) {
                assertThat(indexed.indexedCount("knowledge")).isEqualTo(indexed.count("knowledge"));
            }
        }
    }

    private static Process startWriter(Path file, String mode, Path index) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-DOPT_OUT_TRACKING=true", "-Dai.djl.offline=true",
                CrashWriter.class.getName(), file.toString(), mode, index.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
