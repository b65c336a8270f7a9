package dev.praxis.memory;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A keyword index (BM25) beside a {@link VectorStore}, for hybrid recall: an
 * {@link EmbeddingKnowledgeStore} built with one writes each chunk's plain text to it and fuses
 * its ranking with the vector ranking by reciprocal rank fusion. The index holds record ids,
 * scopes, metadata and searchable terms; the store stays the source of the text. An index that
 * {@link #masksTerms() masks its terms} holds no readable word of the text, so it may serve a
 * store that encrypts content. Implementations (agent-memory's {@code LuceneKeywordIndex}) are
 * thread-safe.
 */
public interface KeywordIndex extends Forgettable, AutoCloseable {

    /**
     * Atomically replaces the entries of one document (an empty list deletes it). The text of
     * each entry is analysed, never stored.
     */
    void replaceDocument(String collection, MemoryScope scope, String documentId, List<Entry> entries);

    /** Deletes the entries of one document; returns how many were removed. */
    int deleteDocument(String collection, MemoryScope scope, String documentId);

    /**
     * The best-matching record ids for {@code text} among the entries of {@code scopes} that have
     * every entry of {@code filter}, best first, at most {@code limit}. Expiry is the store's
     * business: callers drop hits whose record has expired.
     */
    List<Hit> search(String collection, List<MemoryScope> scopes, String text, Map<String, String> filter, int limit);

    /** Whether no readable word of an entry's text is kept (terms are replaced by keyed digests). */
    boolean masksTerms();

    /** Releases files and threads. */
    @Override
    void close();

    /**
     * One chunk to index.
     *
     * @param recordId the id of the record in the vector store
     * @param text     the plain text, analysed and not stored
     * @param metadata filterable entries
     */
    record Entry(String recordId, String text, Map<String, String> metadata) {
        /** Rejects nulls; copies the metadata. */
        public Entry {
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(text, "text");
            metadata = Map.copyOf(metadata);
        }
    }

    /** A matching record and its keyword score (BM25; higher is better). */
    record Hit(String recordId, double score) {
        /** Rejects a null id. */
        public Hit {
            Objects.requireNonNull(recordId, "recordId");
        }
    }
}
