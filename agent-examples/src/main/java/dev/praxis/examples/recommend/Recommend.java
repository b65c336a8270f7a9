package dev.praxis.examples.recommend;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.examples.Conversation;
import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Transcript;
import dev.praxis.examples.offline.FaqDocuments;
import dev.praxis.examples.offline.MiniLm;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

/**
 * Recommendations that learn from feedback: a reading club's catalogue in knowledge memory, the
 * reader's preferences and ratings in their own scope of the same SQLite-backed store (so they
 * persist between runs), recommendations with reasons and sources, and every rating used in
 * the next recommendation.
 */
public final class Recommend implements Example {

    static final List<String> DEMO = List.of(
            "I like science fiction about space and survival",
            "What should I read next?",
            "I read The Martian and I disliked it",
            "What should I read next?",
            "I also enjoy detective mysteries",
            "Suggest a book for the weekend");

    static final MemoryScope CATALOGUE = new MemoryScope("club", "shared", "recommend", "catalogue");

    @Override
    public String name() {
        return "recommend";
    }

    @Override
    public String summary() {
        return "book recommendations from preferences in memory, with reasons and sources; ratings change the next ones";
    }

    @Override
    public List<Tool> tools() {
        // listing the tools loads no model: this one embeds only if a tool is called
        EmbeddingModel lazy = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                return MiniLm.model().embedAll(segments);
            }
        };
        var store = EmbeddingKnowledgeStore.builder(new InMemoryVectorStore(), lazy).build();
        return Tools.from(new Librarian(store, CATALOGUE, MemoryScope.of("reader", "tools"), List.of()));
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        try (Conversation conversation = open(context)) {
            for (String message : DEMO) {
                context.out().println("reader> " + message);
                AgentResult result = conversation.send(message);
                context.out().println("librarian> " + result.output());
            }
        }
    }

    @Override
    public Conversation open(ExampleContext context) {
        JdbcStore memory = SqliteStore.open(context.dir(name()).resolve("memory.db"));
        try {
            var store = EmbeddingKnowledgeStore.builder(memory.vectors(), MiniLm.model()).build();
            MemoryScope reader = MemoryScope.of("reader", "book-club");
            var librarian = new Librarian(store, CATALOGUE, reader, catalogue());
            LlmAgent agent = LlmAgent.builder()
                    .name(name())
                    .llm(context.model(() -> OfflineLlm.builder()
                            .vocabulary("title", new HashSet<>(librarian.titles())).build()))
                    .tools(librarian)
                    .systemPrompt("You are a reading club's librarian. Remember what the reader likes, record their"
                            + " verdicts on books they read, and recommend only through recommend_books, passing on"
                            + " its reasons and sources.")
                    .listener(new Transcript(context.out()))
                    .listener(context.listener())
                    .build();
            return new Conversation(agent, reader, memory);
        } catch (RuntimeException e) {
            memory.close();
            throw e;
        }
    }

    /** The catalogue's books, read from {@code catalogue.md} (one {@code ## title} per book). */
    static List<Document> catalogue() {
        try (InputStream in = Recommend.class.getResourceAsStream("catalogue.md")) {
            return FaqDocuments.parse("catalogue.md", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("catalogue.md is missing from the example", e);
        }
    }
}
