package dev.praxis.examples.customer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.examples.Approver;
import dev.praxis.examples.Conversation;
import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Transcript;
import dev.praxis.examples.offline.FaqKnowledge;
import dev.praxis.examples.offline.Knowledge;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.memory.MemoryScope;
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
 * with a person's approval ({@code refund_order} is an {@code EXTERNAL} tool).
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
        FaqKnowledge faq = faq();
        ShopDesk desk = new ShopDesk(context.dir(name()).resolve("shop.db"), faq, context.clock());
        Approver supervisor = new Approver(context.person(), context.out(),
                "a supervisor approves refunds up to " + SUPERVISOR_LIMIT + " EUR",
                request -> refundLimit(desk, request.call().arguments()));
        LlmAgent agent = LlmAgent.builder()
                .name(name())
                .llm(context.model(() -> OfflineLlm.builder().knowledge(faq).clock(context.clock()).build()))
                .toolbox(Toolbox.of(Tools.from(desk)).withApproval(ApprovalPolicy.standard(), supervisor))
                .systemPrompt("You are the customer service agent of Northwind Home. Identify the customer by e-mail,"
                        + " answer from the FAQ and cite its source, open tickets for problems, and refund only"
                        + " through the refund tool. Be brief and friendly.")
                .listener(new Transcript(context.out()))
                .build();
        return new Conversation(agent, MemoryScope.of("customer", "support-chat"), () -> { });
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

    static FaqKnowledge faq() {
        return Faq.LOADED;
    }

    /** Embedding the FAQ takes a moment: once per process. */
    private static final class Faq {
        static final FaqKnowledge LOADED = load();
    }

    private static FaqKnowledge load() {
        try (InputStream in = CustomerService.class.getResourceAsStream("faq.md")) {
            return FaqKnowledge.parse("faq.md", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("faq.md is missing from the example", e);
        }
    }
}
