package dev.praxis.store.sqlite;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.VectorRecord;
import dev.praxis.memory.VectorStore;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.lucene.LuceneIndexedStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The child process of {@link CrashSafetyTest}: writes documents of {@value #CHUNKS} chunks and
 * tool turns to a store as fast as it can, forever, until it is killed. Prints "ready" once
 * some writes are committed.
 */
public final class CrashWriter {

    static final int CHUNKS = 5;
    static final int DIMENSION = 384;
    static final MemoryScope SCOPE = new MemoryScope("t", "u", "a", "s");

    private CrashWriter() {
    }

    /** {@code args}: the SQLite file, then {@code plain} or {@code lucene} (with the index folder). */
    public static void main(String[] args) {
        JdbcStore store = SqliteStore.open(Path.of(args[0]));
        VectorStore vectors = args[1].equals("lucene")
                ? LuceneIndexedStore.open(store.vectors(), Path.of(args[2]), Set.of("knowledge"), 0)
                : store.vectors();
        var conversation = store.conversations(1000);
        for (int i = 0; ; i++) {
            String doc = "doc-" + i;
            List<VectorRecord> chunks = new ArrayList<>();
            for (int c = 0; c < CHUNKS; c++) {
                chunks.add(new VectorRecord(doc + "#" + c, SCOPE, doc, expectedContent(doc, c), Map.of("n", doc),
                        vector(i, c), VectorRecord.NEVER));
            }
            vectors.replaceDocument("knowledge", SCOPE, doc, chunks);
            ToolExecutionRequest call = ToolExecutionRequest.builder().id("call-" + i).name("t").arguments("{}").build();
            conversation.append(SCOPE, List.of(AiMessage.from(List.of(call)), ToolExecutionResultMessage.from(call, "r" + i)));
            if (i == 20) {
                System.out.println("ready");
                System.out.flush();
            }
        }
    }

    static String expectedContent(String doc, int chunk) {
        return (doc + " chunk " + chunk + " ").repeat(40);
    }

    static float[] vector(int doc, int chunk) {
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) Math.sin(doc * 31 + chunk * 7 + d);
        }
        return v;
    }
}
