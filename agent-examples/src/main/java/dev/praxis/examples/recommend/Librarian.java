package dev.praxis.examples.recommend;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.praxis.examples.offline.FaqDocuments;
import dev.praxis.examples.offline.MiniLm;
import dev.praxis.memory.Document;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.KnowledgeStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Recollection;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.ToolException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A reading club's recommender as tools. The catalogue is knowledge memory (one document per
 * book, shared by every reader); a reader's preferences and ratings are documents in their own
 * scope of the same store, so they persist and stay theirs. A recommendation ranks books by
 * similarity to the request and the reader's preferences, leaves out books the reader rated,
 * moves books like a disliked one down ({@value #DISLIKE_WEIGHT} x similarity) and books like
 * a liked one up ({@value #LIKE_WEIGHT} x similarity), and gives each pick its reasons and the
 * sources used. Thread-safe when the store is.
 */
public final class Librarian {

    static final double DISLIKE_WEIGHT = 0.5;
    static final double LIKE_WEIGHT = 0.3;
    static final int PICKS = 3;
    /** How similar a preference or a rated book must be to a pick to be named among its reasons. */
    static final double MENTION = 0.3;

    /** A reader's verdict on a book. */
    public enum Verdict {
        /** They enjoyed it. */
        LIKED,
        /** They did not. */
        DISLIKED
    }

    private final KnowledgeStore store;
    private final MemoryScope catalogue;
    private final MemoryScope reader;
    private final Map<String, Document> books = new LinkedHashMap<>();
    private final Map<String, Embedding> embeddings = new ConcurrentHashMap<>();

    /** A librarian over {@code books} (stored in {@code catalogue}) for the reader whose scope is {@code reader}. */
    public Librarian(KnowledgeStore store, MemoryScope catalogue, MemoryScope reader, List<Document> books) {
        this.store = store;
        this.catalogue = catalogue;
        this.reader = reader;
        books.forEach(b -> {
            this.books.put(b.id(), b);
            store.add(catalogue, b);
        });
    }

    /** The titles of the catalogue, for the offline mode's vocabulary. */
    public List<String> titles() {
        return books.values().stream().map(Librarian::title).toList();
    }

    @Tool(name = "remember_preference", value = "Remembers what kind of books the reader likes (I like, I love, I enjoy,"
            + " I am into, my favourite kind of story)")
    @SideEffects(SideEffect.WRITE)
    public String rememberPreference(@P("what the reader likes, in their words") String likes) {
        String text = likes.strip();
        String id = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        store.add(reader, Document.of("preference-" + id.substring(0, Math.min(60, id.length())), text).with("kind", "preference"));
        return "remembered that you like: " + text;
    }

    @Tool(name = "rate_book", value = "Records the reader's verdict on a book they have read: LIKED or DISLIKED"
            + " (I read it and loved it, I did not enjoy it)")
    @SideEffects(SideEffect.WRITE)
    public String rateBook(@P("the book's title") String title, @P("LIKED or DISLIKED") Verdict verdict) {
        Document book = find(title).orElseThrow(() -> new ToolException("the catalogue has no book called " + title));
        store.add(reader, Document.of("rating-" + book.id(), title(book) + " " + verdict)
                .with("kind", "rating").with("book", book.id()).with("verdict", verdict.name()));
        return "noted: you " + verdict.name().toLowerCase(Locale.ROOT) + " " + title(book);
    }

    @Tool(name = "recommend_books", value = "Recommends books for the reader, with the reasons and sources, from their"
            + " preferences and ratings (what should I read next, suggest a book)")
    @SideEffects(SideEffect.READ_ONLY)
    public String recommendBooks(@P("what the reader asks for") String request) {
        List<Pick> picks = recommend(request);
        if (picks.isEmpty()) {
            return "nothing left to recommend: you have rated every book in the catalogue";
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < picks.size(); i++) {
            Pick p = picks.get(i);
            lines.add((i + 1) + ". " + p.title() + " - " + String.join("; ", p.reasons()) + " (sources: "
                    + String.join(", ", p.sources()) + ")");
        }
        return String.join("\n", lines);
    }

    /** One recommended book, its score, why, and what was used. */
    public record Pick(String id, String title, double score, List<String> reasons, List<String> sources) {
    }

    /** The best {@value #PICKS} unrated books for {@code request}, best first. */
    public List<Pick> recommend(String request) {
        List<Recollection> preferences = mine("preference", request);
        List<Recollection> ratings = mine("rating", request);
        String query = request + ". " + String.join(". ", preferences.stream().map(Recollection::text).toList());
        List<Pick> picks = new ArrayList<>();
        for (Recollection hit : store.recall(catalogue, KnowledgeQuery.of(query).topK(books.size()))) {
            if (ratings.stream().noneMatch(r -> hit.documentId().equals(r.metadata().get("book")))) {
                picks.add(pick(hit, preferences, ratings));
            }
        }
        picks.sort(Comparator.comparingDouble(Pick::score).reversed());
        return List.copyOf(picks.subList(0, Math.min(PICKS, picks.size())));
    }

    private Pick pick(Recollection hit, List<Recollection> preferences, List<Recollection> ratings) {
        Document book = books.get(hit.documentId());
        double score = hit.score();
        List<String> reasons = new ArrayList<>();
        List<String> sources = new ArrayList<>(List.of(hit.metadata().getOrDefault(FaqDocuments.SOURCE, book.id())));
        reasons.add(String.format(Locale.ROOT, "matches your request%s (%.2f)", preferences.isEmpty() ? "" : " and taste",
                hit.score()));
        for (Recollection preference : preferences) {
            if (similarity(book.id(), preference.text()) >= MENTION) {
                reasons.add("you said you like \"" + preference.text() + "\"");
                sources.add("your " + preference.documentId());
            }
        }
        for (Recollection rating : ratings) {
            String other = rating.metadata().get("book");
            double like = similarity(book.id(), books.get(other).text());
            boolean liked = Verdict.LIKED.name().equals(rating.metadata().get("verdict"));
            score += (liked ? LIKE_WEIGHT : -DISLIKE_WEIGHT) * like;
            if (like >= MENTION) {
                reasons.add("similar to " + title(books.get(other)) + ", which you "
                        + (liked ? "liked" : "disliked") + " (moved " + (liked ? "up" : "down") + ")");
                sources.add("your " + rating.documentId());
            }
        }
        return new Pick(book.id(), title(book), score, reasons, sources);
    }

    /** The reader's documents of one kind ({@code preference} or {@code rating}). */
    private List<Recollection> mine(String kind, String request) {
        return store.recall(reader, KnowledgeQuery.of(request).where("kind", kind).topK(100));
    }

    private double similarity(String bookId, String text) {
        Embedding book = embeddings.computeIfAbsent(bookId, id -> MiniLm.embed(books.get(id).text()));
        return CosineSimilarity.between(book, embeddings.computeIfAbsent("text:" + text, t -> MiniLm.embed(text)));
    }

    private Optional<Document> find(String title) {
        String wanted = title.strip().toLowerCase(Locale.ROOT);
        return books.values().stream().filter(b -> title(b).toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    private static String title(Document book) {
        return book.metadata().getOrDefault(FaqDocuments.QUESTION, book.id());
    }
}
