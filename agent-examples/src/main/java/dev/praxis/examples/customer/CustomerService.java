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
import dev.praxis.examples.offline.Knowledge;
import dev.praxis.examples.offline.MiniLm;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.examples.offline.StoredKnowledge;
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
 * shop's database), embedded with the in-process MiniLM model.
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
        return Tools.from(new ShopDesk(Path.of(":memory:"), Knowledge.NONE, Clock.systemUTC()));
    }

    @Override
    public void run(ExampleContext context) {
        try (Conversation conversation = open(context)) {
            for (String message : DEMO) {
                context.out().println("customer> " + message);
                AgentResult result = conversation.send(message);
                context.out().println("agent> " + result.output());
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
            Knowledge faq = new StoredKnowledge(EmbeddingKnowledgeStore.builder(memory.vectors(), MiniLm.model()).build(),
                    FAQ_SCOPE).load(faq());
            return new Conversation(agent(context, new ShopDesk(dir.resolve("shop.db"), faq, context.clock()), faq),
                    MemoryScope.of("customer", "support-chat"), memory);
        } catch (RuntimeException e) {
            memory.close();
            throw e;
        }
    }

    private LlmAgent agent(ExampleContext context, ShopDesk desk, Knowledge faq) {
        Approver supervisor = new Approver(context.person(), context.out(),
                "a supervisor approves refunds up to " + SUPERVISOR_LIMIT + " EUR",
                request -> refundLimit(desk, request.call().arguments()));
        return LlmAgent.builder()
                .name(name())
                .llm(context.model(() -> OfflineLlm.builder().knowledge(faq).clock(context.clock()).build()))
                .toolbox(Toolbox.of(Tools.from(desk)).withApproval(ApprovalPolicy.standard(), supervisor))
                .systemPrompt("You are the customer service agent of Northwind Home. Identify the customer by e-mail,"
                        + " answer from the FAQ and cite its source, open tickets for problems, and refund only"
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
