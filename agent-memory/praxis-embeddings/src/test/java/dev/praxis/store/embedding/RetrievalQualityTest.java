package dev.praxis.store.embedding;

import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.KeywordIndex;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Recollection;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.lucene.LuceneKeywordIndex;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retrieval quality on a labelled corpus (test resources {@code retrieval/corpus.tsv}: 54 passages
 * of a shop's help centre; {@code retrieval/questions.tsv}: 47 questions with their relevant
 * passages), with real MiniLM embeddings, a real SQLite store and a real Lucene BM25 index:
 * recall@5, MRR@10 and nDCG@10 for vector-only, BM25-only and hybrid (RRF) recall. The table in
 * docs/knowledge.md is this test's output; it fails when they differ (regenerate with
 * {@code -Dpraxis.retrieval.updateDocs=true}).
 */
class RetrievalQualityTest {

    private static final MemoryScope SCOPE = MemoryScope.session("help-centre");
    private static final String BEGIN = "<!-- retrieval-quality:begin -->";
    private static final String END = "<!-- retrieval-quality:end -->";

    @TempDir
    Path dir;

    private record Question(String text, Set<String> relevant) {
    }

    private record Scores(double recallAt5, double mrr, double ndcg) {
    }

    @Test
    void hybridRecallIsMeasuredAgainstVectorsAndBm25AndTheDocsSayTheSame() throws IOException {
        List<Question> questions = questions();
        Map<String, Scores> table = new LinkedHashMap<>();
        try (JdbcStore sqlite = SqliteStore.open(dir.resolve("knowledge.db"));
             LuceneKeywordIndex index = LuceneKeywordIndex.open(dir.resolve("keywords"))) {
            EmbeddingKnowledgeStore store = EmbeddingKnowledgeStore.builder(sqlite.vectors(), LocalEmbeddings.allMiniLm())
                    .keywordIndex(index).build();
            corpus().forEach((id, text) -> store.add(SCOPE, Document.of(id, text)));

            table.put("vector (MiniLM, cosine)", score(questions, q -> ids(store.recall(SCOPE,
                    KnowledgeQuery.of(q).topK(10)))));
            table.put("BM25 (Lucene)", score(questions, q -> index.search("knowledge", List.of(SCOPE), q, Map.of(), 10)
                    .stream().map(KeywordIndex.Hit::recordId).map(RetrievalQualityTest::documentOf).toList()));
            table.put("hybrid (RRF of both)", score(questions, q -> ids(store.recall(SCOPE,
                    KnowledgeQuery.of(q).topK(10).withKeywords()))));
        }

        Scores vector = table.get("vector (MiniLM, cosine)");
        Scores bm25 = table.get("BM25 (Lucene)");
        Scores hybrid = table.get("hybrid (RRF of both)");
        assertThat(hybrid.mrr()).as("hybrid MRR vs BM25").isGreaterThanOrEqualTo(bm25.mrr());
        assertThat(hybrid.recallAt5()).as("hybrid recall@5 vs the better single ranker")
                .isGreaterThanOrEqualTo(Math.max(vector.recallAt5(), bm25.recallAt5()) - 0.02);
        assertThat(hybrid.ndcg()).as("hybrid nDCG@10").isGreaterThan(0.7);
        keepTheDocsTrue(render(table, questions.size()));
    }

    private static String documentOf(String recordId) {
        String[] parts = recordId.split("#");
        return parts[parts.length - 2];
    }

    private static List<String> ids(List<Recollection> found) {
        return found.stream().map(Recollection::documentId).toList();
    }

    private static Scores score(List<Question> questions, Function<String, List<String>> ranker) {
        double recall = 0;
        double mrr = 0;
        double ndcg = 0;
        for (Question q : questions) {
            List<String> ranked = ranker.apply(q.text());
            long hits = ranked.stream().limit(5).filter(q.relevant()::contains).count();
            recall += (double) hits / q.relevant().size();
            for (int i = 0; i < ranked.size(); i++) {
                if (q.relevant().contains(ranked.get(i))) {
                    mrr += 1.0 / (i + 1);
                    break;
                }
            }
            double dcg = 0;
            for (int i = 0; i < ranked.size(); i++) {
                dcg += q.relevant().contains(ranked.get(i)) ? 1 / log2(i + 2) : 0;
            }
            double ideal = 0;
            for (int i = 0; i < Math.min(q.relevant().size(), 10); i++) {
                ideal += 1 / log2(i + 2);
            }
            ndcg += dcg / ideal;
        }
        int n = questions.size();
        return new Scores(recall / n, mrr / n, ndcg / n);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static String render(Map<String, Scores> table, int questions) {
        StringBuilder md = new StringBuilder("Measured by `RetrievalQualityTest` (praxis-embeddings) on its labelled corpus: ")
                .append("54 help-centre passages, ").append(questions).append(" questions.\n\n")
                .append("| retrieval | recall@5 | MRR@10 | nDCG@10 |\n|---|---|---|---|\n");
        table.forEach((name, s) -> md.append("| ").append(name).append(" | ").append(f(s.recallAt5())).append(" | ")
                .append(f(s.mrr())).append(" | ").append(f(s.ndcg())).append(" |\n"));
        return md.toString();
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static void keepTheDocsTrue(String table) throws IOException {
        Path docs = Path.of("../../docs/knowledge.md");
        String page = Files.readString(docs, StandardCharsets.UTF_8);
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        assertThat(begin).as("docs/knowledge.md has the generated retrieval-quality section").isNotNegative();
        String updated = page.substring(0, begin + BEGIN.length()) + "\n" + table + page.substring(end);
        if (Boolean.getBoolean("praxis.retrieval.updateDocs")) {
            Files.writeString(docs, updated, StandardCharsets.UTF_8);
            page = updated;
        }
        assertThat(page).as("docs/knowledge.md retrieval table (regenerate with -Dpraxis.retrieval.updateDocs=true)")
                .isEqualTo(updated);
    }

    private static Map<String, String> corpus() throws IOException {
        Map<String, String> corpus = new LinkedHashMap<>();
        for (String line : lines("retrieval/corpus.tsv")) {
            String[] f = line.split("\t", 2);
            corpus.put(f[0], f[1]);
        }
        return corpus;
    }

    private static List<Question> questions() throws IOException {
        List<Question> questions = new ArrayList<>();
        for (String line : lines("retrieval/questions.tsv")) {
            String[] f = line.split("\t", 2);
            questions.add(new Question(f[0], Set.of(f[1].split("\\|"))));
        }
        return questions;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = RetrievalQualityTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
