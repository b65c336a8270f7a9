package dev.praxis.store.lucene;

import dev.praxis.memory.KeywordIndex;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.StoreChecks;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A BM25 {@link KeywordIndex} in Lucene, in a folder of its own or in memory. Text is analysed
 * (see {@link #open}) and never stored; with {@link #masked} every term is replaced by a keyed
 * digest, so the index may serve a store that encrypts content. Every write is committed before it
 * returns; searches see every finished write. Thread-safe.
 *
 * <pre>{@code
 * try (var index = LuceneKeywordIndex.open(dir.resolve("keywords"))) {
 *     KnowledgeStore store = EmbeddingKnowledgeStore.builder(sqlite.vectors(), embeddings).keywordIndex(index).build();
 *     store.recall(scope, KnowledgeQuery.of("error E-1042").withKeywords());
 * }
 * }</pre>
 */
public final class LuceneKeywordIndex implements KeywordIndex {

    private static final String ID = "id";
    private static final String COLLECTION = "collection";
    private static final String SCOPE = "scope";
    private static final String DOCUMENT = "document";
    private static final String OWNER = "owner";
    private static final String TEXT = "text";
    private static final String META = "m.";
    private static final int MAX_QUERY_TERMS = 64;

    private final Directory directory;
    private final KeywordAnalyzer analyzer;
    private final boolean masked;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private LuceneKeywordIndex(Directory directory, byte[] key) throws IOException {
        this.directory = directory;
        this.analyzer = new KeywordAnalyzer(key);
        this.masked = key != null;
        this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * An index with readable terms in {@code folder} (created if missing). Terms: Unicode words,
     * lower-cased, English stop words removed, plurals folded to the singular.
     *
     * @throws MemoryException if the folder cannot be opened as an index
     */
    public static LuceneKeywordIndex open(Path folder) {
        return open(folder, null);
    }

    /**
     * An index in {@code folder} whose terms are HMAC-SHA256 digests under {@code key} (at least
     * 16 bytes; keep it with the store's content key): it ranks exactly as a readable index would,
     * but holds no word of the text. It cannot match phrases, prefixes or misspellings, and it
     * still shows how often each masked term occurs and how long each chunk is.
     *
     * @throws IllegalArgumentException if the key is shorter than 16 bytes
     * @throws MemoryException          if the folder cannot be opened as an index
     */
    public static LuceneKeywordIndex masked(Path folder, byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("the masking key needs at least 16 bytes, got " + key.length);
        }
        return open(folder, key);
    }

    /** An index with readable terms held in memory only, gone when closed. */
    public static LuceneKeywordIndex inMemory() {
        try {
            return new LuceneKeywordIndex(new ByteBuffersDirectory(), null);
        } catch (IOException e) {
            throw new MemoryException("cannot create an in-memory keyword index: " + e.getMessage(), e, false);
        }
    }

    private static LuceneKeywordIndex open(Path folder, byte[] key) {
        Objects.requireNonNull(folder, "folder");
        Directory directory = null;
        try {
            directory = FSDirectory.open(folder);
            return new LuceneKeywordIndex(directory, key);
        } catch (IOException e) {
            closeQuietly(directory, e);
            throw new MemoryException("cannot open the keyword index in " + folder + ": " + e.getMessage(), e, false);
        }
    }

    @Override
    public synchronized void replaceDocument(String collection, MemoryScope scope, String documentId,
                                             List<Entry> entries) {
        StoreChecks.requireCollectionName(collection);
        Term document = documentTerm(collection, scope, documentId);
        List<Document> docs = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            Document doc = new Document();
            doc.add(new StringField(ID, entry.recordId(), Field.Store.YES));
            doc.add(new StringField(COLLECTION, collection, Field.Store.NO));
            doc.add(new StringField(SCOPE, scope.key(), Field.Store.NO));
            doc.add(new StringField(DOCUMENT, document.text(), Field.Store.NO));
            doc.add(new StringField(OWNER, owner(scope.tenant(), scope.user()), Field.Store.NO));
            entry.metadata().forEach((k, v) -> doc.add(new StringField(META + k, v, Field.Store.NO)));
            doc.add(new TextField(TEXT, entry.text(), Field.Store.NO));
            docs.add(doc);
        }
        write("replace document '" + documentId + "'", () -> writer.updateDocuments(document, docs));
    }

    @Override
    public synchronized int deleteDocument(String collection, MemoryScope scope, String documentId) {
        Term document = documentTerm(collection, scope, documentId);
        int count = count(new TermQuery(document));
        write("delete document '" + documentId + "'", () -> writer.deleteDocuments(document));
        return count;
    }

    @Override
    public synchronized long forget(String tenant, String user) {
        Term owner = new Term(OWNER, owner(tenant, user));
        int count = count(new TermQuery(owner));
        write("forget " + tenant + "/" + user, () -> writer.deleteDocuments(owner));
        return count;
    }

    @Override
    public List<Hit> search(String collection, List<MemoryScope> scopes, String text, Map<String, String> filter,
                            int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        Set<String> terms = terms(text);
        if (terms.isEmpty() || scopes.isEmpty()) {
            return List.of();
        }
        terms.forEach(t -> words.add(new TermQuery(new Term(TEXT, t)), Occur.SHOULD));
        BooleanQuery.Builder inScope = new BooleanQuery.Builder();
        scopes.forEach(s -> inScope.add(new TermQuery(new Term(SCOPE, s.key())), Occur.SHOULD));
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(words.build(), Occur.MUST)
                .add(new TermQuery(new Term(COLLECTION, collection)), Occur.FILTER)
                .add(inScope.build(), Occur.FILTER);
        filter.forEach((k, v) -> query.add(new TermQuery(new Term(META + k, v)), Occur.FILTER));
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(query.build(), limit);
                List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
                var stored = searcher.storedFields();
                for (ScoreDoc d : top.scoreDocs) {
                    hits.add(new Hit(stored.document(d.doc).get(ID), d.score));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new MemoryException("keyword search failed: " + e.getMessage(), e, true);
        }
    }

    @Override
    public boolean masksTerms() {
        return masked;
    }

    @Override
    public synchronized void close() {
        try (directory; analyzer; searchers) {
            writer.close();
        } catch (IOException e) {
            throw new MemoryException("cannot close the keyword index: " + e.getMessage(), e, false);
        }
    }

    /** The distinct analysed terms of {@code text}, at most {@value #MAX_QUERY_TERMS}. */
    private Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new MemoryException("cannot analyse the query: " + e.getMessage(), e, false);
        }
        return terms;
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private void write(String what, Write write) {
        try {
            write.run();
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new MemoryException("keyword index: cannot " + what + ": " + e.getMessage(), e, true);
        }
    }

    private int count(TermQuery query) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.count(query);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new MemoryException("keyword index: cannot count: " + e.getMessage(), e, true);
        }
    }

    private static Term documentTerm(String collection, MemoryScope scope, String documentId) {
        return new Term(DOCUMENT, collection + "\u0000" + scope.key() + "\u0000" + documentId);
    }

    private static String owner(String tenant, String user) {
        return tenant + "\u0000" + user;
    }

    private static void closeQuietly(Directory directory, Exception failure) {
        if (directory != null) {
            try {
                directory.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
