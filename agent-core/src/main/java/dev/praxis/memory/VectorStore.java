package dev.praxis.memory;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The storage seam under {@link KnowledgeStore} and {@link ExperienceStore}: scoped records with
 * embeddings, grouped in named collections. Implementations (in memory, SQLite, PostgreSQL, a
 * Lucene index) pass the same contract test. They are thread-safe; every write is atomic and
 * durable when it returns (for durable stores).
 *
 * <p>Stores hold what they are given: encryption, chunking and embedding happen above them.
 */
public interface VectorStore extends Forgettable, AutoCloseable {

    /**
     * Atomically replaces all records of one document in {@code scope} with {@code records}
     * (an empty list deletes the document). Readers see either the old or the new chunks.
     *
     * @throws IllegalArgumentException if a record belongs to another scope or document, or its
     *                                  vector's dimension differs from the collection's
     */
    void replaceDocument(String collection, MemoryScope scope, String documentId, List<VectorRecord> records);

    /** Deletes every chunk of one document; returns how many were removed. */
    int deleteDocument(String collection, MemoryScope scope, String documentId);

    /** The nearest records, best first (see {@link VectorQuery}). */
    List<ScoredRecord> search(String collection, VectorQuery query);

    /**
     * Records visible to {@code query} whose content contains at least one of {@code terms}
     * (case-insensitive substring match), at most {@code query.limit()} of them, in any order.
     * The query's vector and minimum score are ignored.
     */
    List<VectorRecord> keywordMatches(String collection, VectorQuery query, List<String> terms);

    /** The records with these ids (missing ids are skipped), in the given order. */
    List<VectorRecord> get(String collection, List<String> ids);

    /** Every stored record of a collection, including expired ones not yet purged, in any order. */
    void forEach(String collection, Consumer<VectorRecord> action);

    /** The number of stored records in a collection, including expired ones not yet purged. */
    long count(String collection);

    /** Deletes records that expired at or before {@code now}; returns how many. */
    long purgeExpired(Instant now);

    /** Releases connections, files and threads; later calls fail. */
    @Override
    void close();
}
