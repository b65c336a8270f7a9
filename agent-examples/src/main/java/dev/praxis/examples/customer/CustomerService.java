package dev.praxis.examples.customer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.examples.Approver;
import dev.praxis.examples.Conversation;
import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Transcript;
import dev.praxis.examples.offline.FaqDocuments;
import dev.praxis.examples.offline.MiniLm;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.knowledge.KnowledgeRetriever;
import dev.praxis.knowledge.Passage;
import dev.praxis.knowledge.Retrieval;
import dev.praxis.knowledge.Retriever;
import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Customer service for a small shop: answers from the FAQ (citing it), looks up orders, opens
 * tickets in a SQLite database, remembers who the customer is across turns, and refunds only
 * with a person's approval ({@code refund_order} is an {@code EXTERNAL} tool). The FAQ is
 * semantic memory: agent-memory's SQLite-backed knowledge store ({@code knowledge.db} beside the
 * shop's database), embedded with the in-process MiniLM model, that the agent's built-in
 * retrieval ({@link Retrieval#inject}) puts into each prompt; the answers cite passages by id and
 * the demo prints {@link AgentResult#citations()}. Offline, the model answers only from the
 * passages retrieved into its prompt.
 */
public final class CustomerService implements Example {

    static final List<String> DEMO = List.of(
            "Hi, this is ann@example.com",
            "How long does shipping take?",
            "Where is my order 1043?",
            "The kettle from order 1042 arrived broken, please open a ticket",
            "I want my money back for order 1042",
            "Can you sing me a song?");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal SUPERVISOR_LIMIT = new BigDecimal("100");
    /** Where the shop's FAQ lives in the knowledge store: shared by every customer's conversation. */
    static final MemoryScope FAQ_SCOPE = new MemoryScope("northwind", "shop", "customer-service", "faq");

    private final List<Document> faq;

    /** The example over its own FAQ, {@code faq.md}. */
    public CustomerService() {
        this(faq());
    }

    /** The example over {@code faq} (tests: an empty FAQ). */
    CustomerService(List<Document> faq) {
        this.faq = List.copyOf(faq);
    }

    @Override
    public String name() {
        return "customer-service";
    }

    @Override
    public String summary() {
        return "FAQ answers with sources, order lookup, tickets in SQLite, refunds only with approval";
    }

    @Override
    public List<Tool> tools() {
        return Tools.from(new ShopDesk(Path.of(":memory:"), Clock.systemUTC()));
    }

    @Override
    public void run(ExampleContext context) {
        try (Conversation conversation = open(context)) {
            for (String message : DEMO) {
                context.out().println("customer> " + message);
                AgentResult result = conversation.send(message);
                context.out().println("agent> " + result.output());
                for (Passage cited : result.citations()) {
                    context.out().println("  cites [" + cited.sourceId() + "] "
                            + cited.metadata().getOrDefault(FaqDocuments.SOURCE, cited.documentId()));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("customer-service failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Conversation open(ExampleContext context) {
        Path dir = context.dir(name());
        JdbcStore memory = SqliteStore.open(dir.resolve("knowledge.db"));
        try {
            var store = EmbeddingKnowledgeStore.builder(memory.vectors(), MiniLm.model()).build();
            faq.forEach(entry -> store.add(FAQ_SCOPE, entry));    // by id: loading again replaces
            Retriever retriever = KnowledgeRetriever.over(store, FAQ_SCOPE);
            return new Conversation(agent(context, new ShopDesk(dir.resolve("shop.db"), context.clock()), retriever),
                    MemoryScope.of("customer", "support-chat"), memory);
        } catch (RuntimeException e) {
            memory.close();
            throw e;
        }
    }

    private LlmAgent agent(ExampleContext context, ShopDesk desk, Retriever faqPassages) {
        Approver supervisor = new Approver(context.person(), context.out(),
                "a supervisor approves refunds up to " + SUPERVISOR_LIMIT + " EUR",
                request -> refundLimit(desk, request.call().arguments()));
        return LlmAgent.builder()
                .name(name())
                .llm(context.model(() -> OfflineLlm.builder().clock(context.clock()).build()))
                .knowledge(Retrieval.inject(faqPassages).topK(2))
                .toolbox(Toolbox.of(Tools.from(desk)).withApproval(ApprovalPolicy.standard(), supervisor))
                .systemPrompt("You are the customer service agent of Northwind Home. Identify the customer by e-mail,"
                        + " answer questions from the FAQ passages you are given and cite them, open tickets for problems, and refund only"
                        + " through the refund tool. Be brief and friendly.")
                .listener(new Transcript(context.out()))
                .listener(context.listener())
                .build();
    }

    private static ApprovalDecision refundLimit(ShopDesk desk, String arguments) {
        BigDecimal amount;
        try {
            amount = desk.amount(JSON.readTree(arguments).path("order").asLong()).orElse(BigDecimal.ZERO);
        } catch (IOException e) {
            return ApprovalDecision.deny("unreadable refund request");
        }
        return amount.compareTo(SUPERVISOR_LIMIT) <= 0 ? ApprovalDecision.allow()
                : ApprovalDecision.deny("refunds over " + SUPERVISOR_LIMIT + " EUR need a manager; a ticket is the way");
    }

    /** The FAQ's entries, read from the example's {@code faq.md}. */
    static List<Document> faq() {
        try (InputStream in = CustomerService.class.getResourceAsStream("faq.md")) {
            return FaqDocuments.parse("faq.md", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("faq.md is missing from the example", e);
        }
    }
}
