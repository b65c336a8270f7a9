package dev.praxis.store.lucene;

/**
 * How a {@link LuceneIndexedStore} builds and searches its HNSW graphs.
 *
 * <ul>
 *   <li>{@code maxConnections} (Lucene's M): links per node; more links give a better connected graph
 *       (higher recall for the same search effort) at a slower build and a larger index. 2 to 512.</li>
 *   <li>{@code beamWidth}: candidates considered for each node's links while building; larger builds a
 *       better graph, more slowly. 1 to 3,200.</li>
 *   <li>{@code candidates}: how many nearest candidates a search keeps while walking the graph (often called
 *       ef); recall and cost both grow with it. A search keeps at least its own limit (plus room for expired
 *       records dropped afterwards). {@link #SCALED} (the default) chooses by index size:
 *       {@link #SCALED_MIN} up to {@link #SCALED_FROM} vectors, then {@link #SCALED_PER_TENFOLD} more for
 *       every tenfold growth (350 at about 316,000, 600 at a million, 1,100 at ten million). On a million
 *       clustered 384-d vectors 600 candidates gave recall@10 0.966–0.979 (two builds of the same data
 *       differed) at a median search of about 4 ms; 100 gave 0.89 (bench/memory/RESULTS.md). Otherwise a
 *       fixed count, 1 to {@link #MAX_CANDIDATES}.</li>
 * </ul>
 *
 * The graph settings apply to what is written from the time the store is opened (an existing index keeps
 * its graphs until rebuilt or merged); the candidate count applies to every search.
 */
public record HnswOptions(int maxConnections, int beamWidth, int candidates) {

    /** {@code candidates} value meaning "chosen by index size". */
    public static final int SCALED = 0;
    /** Candidates of a {@link #SCALED} search up to {@link #SCALED_FROM} vectors. */
    public static final int SCALED_MIN = 100;
    /** Where {@link #SCALED} candidates start growing. */
    public static final long SCALED_FROM = 100_000;
    /** Candidates a {@link #SCALED} search adds for every tenfold growth of the index beyond {@link #SCALED_FROM}. */
    public static final int SCALED_PER_TENFOLD = 500;
    /** The largest fixed candidate count. */
    public static final int MAX_CANDIDATES = 10_000;

    /** M 16, beam 100, candidates scaled by index size. */
    public static final HnswOptions DEFAULTS = new HnswOptions(16, 100, SCALED);

    /** Rejects values outside the ranges above with an {@link IllegalArgumentException} naming the option. */
    public HnswOptions {
        require("maxConnections", maxConnections, 2, 512);
        require("beamWidth", beamWidth, 1, 3200);
        if (candidates != SCALED) {
            require("candidates", candidates, 1, MAX_CANDIDATES);
        }
    }

    /** These options with a fixed candidate count, or {@link #SCALED}. */
    public HnswOptions withCandidates(int count) {
        return new HnswOptions(maxConnections, beamWidth, count);
    }

    /** These options with other graph-building settings. */
    public HnswOptions withGraph(int links, int beam) {
        return new HnswOptions(links, beam, candidates);
    }

    /** The candidates a search keeps among {@code vectors} indexed vectors when it must return {@code k} hits. */
    public int candidatesFor(long vectors, int k) {
        int wanted = candidates != SCALED ? candidates : scaled(vectors);
        return Math.max(k, wanted);
    }

    private static int scaled(long vectors) {
        if (vectors <= SCALED_FROM) {
            return SCALED_MIN;
        }
        double tenfolds = Math.log10(vectors / (double) SCALED_FROM);
        return (int) Math.min(MAX_CANDIDATES, Math.round(SCALED_MIN + SCALED_PER_TENFOLD * tenfolds));
    }

    private static void require(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("HNSW option " + option + " must be between " + min + " and " + max
                    + ", got " + value);
        }
    }
}
