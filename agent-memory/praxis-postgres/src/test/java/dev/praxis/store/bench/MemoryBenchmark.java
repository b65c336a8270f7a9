package dev.praxis.store.bench;

import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.ScoredRecord;
import dev.praxis.memory.VectorQuery;
import dev.praxis.memory.VectorRecord;
import dev.praxis.memory.VectorStore;
import dev.praxis.store.lucene.HnswOptions;
import dev.praxis.store.lucene.LuceneIndexedStore;
import dev.praxis.store.sqlite.SqliteStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import dev.praxis.store.postgres.PostgresStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;


/**
 * Memory benchmark (bench/memory/README.md): insert throughput per store, and recall latency
 * p50/p99 plus recall@10 of the Lucene HNSW index against exact search, on random 384-d vectors.
 * Runs only with {@code -Dpraxis.bench=true}; never part of the unit tests. Timings are printed,
 * never asserted. Sizes: {@code -Dbench.sizes=100000,1000000}; data: {@code -Dbench.data=random|clustered};
 * {@code -Dbench.skipPostgres=true}, {@code -Dbench.skipConversations=true} shorten a run.
 */
@EnabledIfSystemProperty(named = "praxis.bench", matches = "true")
class MemoryBenchmark {

    private static final int DIMS = 384;
    private static final int BATCH = 1000;
    private static final int K = 10;
    private static final MemoryScope SCOPE = new MemoryScope("bench", "user", "agent", "kb");
    private static final Instant NOW = Instant.now();

    @TempDir
    Path dir;

    private final StringBuilder report = new StringBuilder();
    private final StringBuilder notes = new StringBuilder();

    @Test
    void run() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int queries = Integer.getInteger("bench.queries", 200);
        int exactQueries = Integer.getInteger("bench.exactQueries", 30);
        line("| store | vectors | insert (vectors/s) | search | queries | p50 ms | p99 ms | p50 CPU ms | recall@10 vs exact |");
        line("|---|---|---|---|---|---|---|---|---|");
        for (int n : sizes) {
            List<float[]> data = vectors(n, new Random(7));
            List<float[]> probes = vectors(queries, new Random(11));
            List<Set<String>> truth = benchmarkInMemory(n, data, probes, exactQueries);
            benchmarkLucene(n, data, probes, truth);
            if (!Boolean.getBoolean("bench.skipPostgres")) {
                benchmarkPostgres(n, data, probes, exactQueries);
            }
        }
        if (!Boolean.getBoolean("bench.skipConversations")) {
            conversationThroughput(Integer.getInteger("bench.turns", 2000));
        }
        String text = report + (notes.length() == 0 ? "" : "\n" + notes);
        System.out.println("\n" + text);
        Path out = Path.of(System.getProperty("bench.out", "target/bench-memory.md"));
        Files.writeString(out, text);
    }

    /** Times exact search in memory and returns its top-10 ids per probe: the truth recall is measured against. */
    private List<Set<String>> benchmarkInMemory(int n, List<float[]> data, List<float[]> probes, int exactQueries)
            throws java.io.IOException {
        String reuse = System.getProperty("bench.reuse");
        Path cached = reuse == null ? null : Path.of(reuse).resolve(String.format("truth-%d-%s-%d.txt", n,
                System.getProperty("bench.data", "random"), exactQueries));
        if (cached != null && Files.exists(cached)) {
            List<Set<String>> truth = new ArrayList<>();
            Files.readAllLines(cached).forEach(l -> truth.add(new HashSet<>(Arrays.asList(l.split(",")))));
            notes.append(String.format("- exact top 10 of %d queries read from %s (computed by an earlier run)%n",
                    truth.size(), cached));
            return truth;
        }
        List<Set<String>> truth = exactTruth(n, data, probes, exactQueries);
        if (cached != null) {
            Files.createDirectories(cached.getParent());
            Files.write(cached, truth.stream().map(t -> String.join(",", t)).toList());
        }
        return truth;
    }

    private List<Set<String>> exactTruth(int n, List<float[]> data, List<float[]> probes, int exactQueries) {
        VectorStore store = new InMemoryVectorStore();
        double rate = insert(store, data);
        List<Set<String>> truth = new ArrayList<>();
        Latency exact = measure(probes.subList(0, exactQueries), q -> {
            List<ScoredRecord> hits = store.search("knowledge", query(q));
            truth.add(ids(hits));
            return hits;
        });
        row("in-memory", n, rate, "exact", exactQueries, exact, "1.000 (is exact)");
        return truth;
    }

    /**
     * SQLite alone (insert, exact scan), then SQLite with the HNSW index, built as {@code -Dbench.load} says:
     * {@code bulk} (default; through {@link LuceneIndexedStore#bulkLoad()}, the rate includes the final merge
     * into one segment), {@code rebuild} (written to SQLite alone, then the index opened over it builds itself
     * with one thread per core) or {@code plain} (normal writes with periodic commits). Graph settings:
     * {@code -Dbench.graph=M,beam}. With {@code -Dbench.reuse=DIR} the store and index are kept in DIR and a
     * later run searches them without rebuilding. Then one search row per {@code -Dbench.candidates} value.
     */
    private void benchmarkLucene(int n, List<float[]> data, List<float[]> probes, List<Set<String>> truth)
            throws java.io.IOException {
        int exactQueries = Math.min(truth.size(), Integer.getInteger("bench.sqliteExactQueries", truth.size()));
        String reuse = System.getProperty("bench.reuse");
        Path base = reuse == null ? dir : Path.of(reuse);
        Path otherDb = base.resolve("bench-lucene-" + n + ".db");
        Path indexDir = base.resolve("index-" + n);
        boolean built = reuse != null && Files.exists(otherDb) && Files.isDirectory(indexDir);
        if (!built && !Boolean.getBoolean("bench.skipSqlite")) {
            try (var sqlite = SqliteStore.open(dir.resolve("bench-" + n + ".db"))) {
                double plainRate = insert(sqlite.vectors(), data);
                Latency exact = measure(probes.subList(0, exactQueries), q -> sqlite.vectors().search("knowledge", query(q)));
                row("SQLite", n, plainRate, "exact scan", exactQueries, exact, "1.000 (is exact)");
            }
        }
        HnswOptions graph = graphOptions();
        String rate;
        if (built) {
            rate = "(reused)";
            notes.append(String.format("- HNSW index of %,d vectors reused from %s, built by an earlier run%n", n, indexDir));
        } else {
            Files.createDirectories(base);
            rate = String.format("%,.0f", build(n, data, otherDb, indexDir, graph));
        }
        boolean first = true;
        for (String candidates : System.getProperty("bench.candidates", "default").split(",")) {
            HnswOptions options = "default".equals(candidates) ? graph
                    : graph.withCandidates(Integer.parseInt(candidates.strip()));
            try (var indexed = LuceneIndexedStore.open(SqliteStore.open(otherDb).vectors(), indexDir,
                    Set.of("knowledge"), 10_000, options)) {
                // the first configuration also warms the JIT up; later ones only their own code paths
                for (int pass = first ? 3 : 1; pass > 0; pass--) {
                    measure(first ? probes : probes.subList(0, Math.min(50, probes.size())),
                            q -> indexed.search("knowledge", query(q)));
                }
                first = false;
                Latency hnsw = measure(probes, q -> indexed.search("knowledge", query(q)));
                double recall = recall(indexed, probes, truth);
                String label = String.format("SQLite + Lucene HNSW (%s; %s candidates; load %s)", describe(graph),
                        options.candidates() == HnswOptions.SCALED ? options.candidatesFor(n, K) + " scaled"
                                : candidates.strip(), loadAverage());
                row(label, n, rate, "HNSW", probes.size(), hnsw, String.format("%.3f", recall));
            }
        }
    }

    /** Builds the index of {@code data} as {@code -Dbench.load} says and returns vectors indexed per second. */
    private double build(int n, List<float[]> data, Path db, Path indexDir, HnswOptions graph) {
        String mode = System.getProperty("bench.load", "false".equals(System.getProperty("bench.bulk")) ? "plain" : "bulk");
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        String loadBefore = loadAverage();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        if ("rebuild".equals(mode)) {
            try (var sqlite = SqliteStore.open(db)) {
                insert(sqlite.vectors(), data);
            }
            notes.append(String.format("- SQLite insert before the rebuild: %.0f s wall%n", (System.nanoTime() - start) / 1e9));
            start = System.nanoTime();
            cpuStart = os.getProcessCpuTime();
            LuceneIndexedStore.open(SqliteStore.open(db).vectors(), indexDir, Set.of("knowledge"), 10_000, graph).close();
        } else {
            try (var indexed = LuceneIndexedStore.open(SqliteStore.open(db).vectors(), indexDir, Set.of("knowledge"),
                    10_000, graph)) {
                if ("bulk".equals(mode)) {
                    try (var load = indexed.bulkLoad()) {
                        insert(indexed, data);
                    }
                } else {
                    insert(indexed, data);
                    indexed.flush();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        notes.append(String.format("- HNSW %s of %,d vectors (%s): %.0f s wall, %.0f s CPU (all threads of the JVM); "
                        + "load average before %s, after %s%n", mode, n, describe(graph), seconds,
                (os.getProcessCpuTime() - cpuStart) / 1e9, loadBefore, loadAverage()));
        return data.size() / seconds;
    }

    /** {@code -Dbench.graph=M,beam} (default: the library's). */
    private static HnswOptions graphOptions() {
        String graph = System.getProperty("bench.graph");
        if (graph == null) {
            return HnswOptions.DEFAULTS;
        }
        String[] parts = graph.split(",");
        return HnswOptions.DEFAULTS.withGraph(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    }

    private static String describe(HnswOptions graph) {
        return "M " + graph.maxConnections() + ", beam " + graph.beamWidth();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private void benchmarkPostgres(int n, List<float[]> data, List<float[]> probes, int exactQueries) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             var store = PostgresStore.open(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", 4)) {
            double rate = insert(store.vectors(), data);
            Latency exact = measure(probes.subList(0, exactQueries), q -> store.vectors().search("knowledge", query(q)));
            row("PostgreSQL (portable)", n, rate, "exact scan", exactQueries, exact, "1.000 (is exact)");
        }
    }

    /** Appends/s of one-message turns, one writer, for each durable conversation store. */
    private void conversationThroughput(int turns) throws Exception {
        line("");
        line("| conversation store | turns appended | appends/s (1 writer) | read of last 50 messages, p50 ms |");
        line("|---|---|---|---|");
        try (var sqlite = SqliteStore.open(dir.resolve("conversations.db"))) {
            appendRow("SQLite", sqlite.conversations(50), turns);
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             var store = PostgresStore.open(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", 4)) {
            appendRow("PostgreSQL", store.conversations(50), turns);
        }
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var server = redis.embedded.RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
        server.start();
        try (var client = redis.clients.jedis.RedisClient.create("127.0.0.1", port)) {
            appendRow("Redis", new dev.praxis.store.redis.RedisConversationMemory(client, 50, java.time.Duration.ZERO,
                    dev.praxis.memory.ContentCipher.NONE), turns);
        } finally {
            server.stop();
        }
    }

    private void appendRow(String name, dev.praxis.memory.ConversationMemory memory, int turns) {
        var scope = MemoryScope.of("bench", "chat");
        long start = System.nanoTime();
        for (int i = 0; i < turns; i++) {
            memory.append(scope, List.of(dev.langchain4j.data.message.UserMessage.from("message number " + i)));
        }
        double rate = turns / ((System.nanoTime() - start) / 1e9);
        double[] reads = new double[101];
        for (int i = 0; i < reads.length; i++) {
            long t = System.nanoTime();
            if (memory.messages(scope).size() != 50) {
                throw new IllegalStateException(name + " returned a window of the wrong size");
            }
            reads[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(reads);
        line(String.format("| %s | %,d | %,.0f | %.2f |", name, turns, rate, reads[50]));
        System.out.println(report.substring(report.lastIndexOf("\n", report.length() - 2) + 1));
    }

    private static double recall(LuceneIndexedStore indexed, List<float[]> probes, List<Set<String>> truth) {
        int hit = 0;
        for (int i = 0; i < truth.size(); i++) {
            Set<String> approx = ids(indexed.search("knowledge", query(probes.get(i))));
            approx.retainAll(truth.get(i));
            hit += approx.size();
        }
        return hit / (double) (truth.size() * K);
    }

    private static double insert(VectorStore store, List<float[]> data) {
        long start = System.nanoTime();
        for (int from = 0; from < data.size(); from += BATCH) {
            String doc = "batch-" + from;
            List<VectorRecord> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(data.size(), from + BATCH); i++) {
                batch.add(new VectorRecord("v" + i, SCOPE, doc, "vector " + i, Map.of(), data.get(i), VectorRecord.NEVER));
            }
            store.replaceDocument("knowledge", SCOPE, doc, batch);
            if ((from + BATCH) % 100_000 == 0) {
                System.out.printf("  %s: %,d inserted after %.0f s%n", store.getClass().getSimpleName(), from + BATCH,
                        (System.nanoTime() - start) / 1e9);
            }
        }
        return data.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Wall-clock percentiles, and the median CPU time of the searching thread (what the search costs when the machine is busy). */
    private record Latency(double p50, double p99, double cpuP50) {
    }

    private interface Search {
        List<ScoredRecord> run(float[] query);
    }

    private static Latency measure(List<float[]> probes, Search search) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] millis = new double[probes.size()];
        double[] cpu = new double[probes.size()];
        for (int i = 0; i < probes.size(); i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            List<ScoredRecord> hits = search.run(probes.get(i));
            millis[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            if (hits.size() != K) {
                throw new IllegalStateException("expected " + K + " hits, got " + hits.size());
            }
        }
        Arrays.sort(millis);
        Arrays.sort(cpu);
        return new Latency(percentile(millis, 0.50), percentile(millis, 0.99), percentile(cpu, 0.50));
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static VectorQuery query(float[] vector) {
        return new VectorQuery(List.of(SCOPE), vector, K, Map.of(), -1, NOW);
    }

    private static Set<String> ids(List<ScoredRecord> hits) {
        Set<String> ids = new HashSet<>();
        hits.forEach(h -> ids.add(h.record().id()));
        return ids;
    }

    /**
     * {@code -Dbench.data=random} (default): independent Gaussian vectors, the hardest case for
     * HNSW. {@code clustered}: points around 200 fixed centres (noise 0.5 per dimension), closer
     * to how sentence embeddings bunch by topic.
     */
    private static List<float[]> vectors(int n, Random random) {
        boolean clustered = "clustered".equals(System.getProperty("bench.data", "random"));
        Random centres = new Random(3);
        float[][] centre = new float[200][DIMS];
        for (float[] c : centre) {
            for (int d = 0; d < DIMS; d++) {
                c[d] = (float) centres.nextGaussian();
            }
        }
        List<float[]> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] v = new float[DIMS];
            float[] base = centre[random.nextInt(centre.length)];
            for (int d = 0; d < DIMS; d++) {
                v[d] = clustered ? base[d] + 0.5f * (float) random.nextGaussian() : (float) random.nextGaussian();
            }
            list.add(v);
        }
        return list;
    }

    private void row(String store, int n, double rate, String search, int queries, Latency l, String recall) {
        row(store, n, String.format("%,.0f", rate), search, queries, l, recall);
    }

    private void row(String store, int n, String rate, String search, int queries, Latency l, String recall) {
        line(String.format("| %s | %,d | %s | %s | %d | %.2f | %.2f | %.2f | %s |", store, n, rate, search, queries,
                l.p50(), l.p99(), l.cpuP50(), recall));
        System.out.println(report.substring(report.lastIndexOf("\n", report.length() - 2) + 1));
    }

    private void line(String text) {
        report.append(text).append('\n');
    }

}
