package dev.praxis.examples.customer;

import dev.praxis.agent.AgentResult;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Person;
import dev.praxis.examples.offline.MiniLm;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.knowledge.Citations;
import dev.praxis.knowledge.Passage;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.Recollection;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerServiceTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private ExampleContext context() {
        return ExampleContext.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), data);
    }

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoAnswersFromTheFaqOpensATicketRemembersTheCustomerAndRefundsWithApproval() {
        new CustomerService().run(context());

        assertThat(out())
                .contains("within the EU, 5 to 8 elsewhere. You get a tracking link by e-mail when the parcel leaves."
                        + " [how-long-does-shipping-take#0]")
                .contains("  cites [how-long-does-shipping-take#0] faq.md#how-long-does-shipping-take")
                .contains("order 1043 (bamboo cutting board, 24.50 EUR) is shipped")
                .contains("-> open_ticket {\"email\":\"ann@example.com\",\"order\":1042,")
                .contains("opened ticket T-1 for order 1042")
                .contains("[approval] Allow tool 'refund_order' (EXTERNAL)")
                .contains("refunded 59.90 EUR for order 1042")
                .contains(OfflineLlm.LABEL + " I did not understand \"Can you sing me a song?\"");
    }

    @Test
    void faqAnswersAreTheRetrievedPassageAndCiteIt() throws Exception {
        String shipping = CustomerService.faq().stream().filter(d -> d.id().equals("how-long-does-shipping-take"))
                .findFirst().orElseThrow().text();
        String answer = shipping.substring(shipping.indexOf('\n') + 1);

        try (var conversation = new CustomerService().open(context())) {
            AgentResult result = conversation.send("How long does shipping take?");

            assertThat(result.output()).startsWith(OfflineLlm.LABEL).contains(answer);
            assertThat(result.citations()).extracting(Passage::sourceId).containsExactly("how-long-does-shipping-take#0");
            assertThat(result.citations().get(0).text()).contains(answer);
            assertThat(result.citations().get(0).metadata())
                    .containsEntry("source", "faq.md#how-long-does-shipping-take");

            AgentResult costs = conversation.send("what does delivery cost?");
            assertThat(costs.citations()).extracting(Passage::sourceId).containsExactly("how-much-does-shipping-cost#0");
            assertThat(costs.output()).contains("free for orders over 50 EUR");
        }
    }

    @Test
    void withAnEmptyKnowledgeStoreNoFaqAnswerIsInvented() throws Exception {
        try (var conversation = new CustomerService(List.of()).open(context())) {
            AgentResult result = conversation.send("How long does shipping take?");

            assertThat(result.citations()).isEmpty();
            assertThat(Citations.markers(result.output())).isEmpty();
            assertThat(result.output()).doesNotContain("working days").doesNotContain("tracking link");
        }
    }

    @Test
    void ticketsAndRefundsPersistAcrossRuns() {
        new CustomerService().run(context());
        bytes.reset();

        new CustomerService().run(context());

        assertThat(out()).contains("opened ticket T-2 for order 1042").contains("order 1042 was already refunded");
    }

    @Test
    void refundsAboveTheLimitAreRefusedAndAPersonDecidesWhenPresent() throws Exception {
        try (var conversation = new CustomerService().open(context())) {
            conversation.send("hello, bo@example.com here");
            var refused = conversation.send("please refund order 1051");
            assertThat(refused.output()).contains("the refund_order tool was not allowed: refunds over 100 EUR need a manager");
        }
        Person saysNo = question -> new Person.Reply.Said("n");
        try (var conversation = new CustomerService().open(context().askingPerson(saysNo))) {
            var refused = conversation.send("refund my order 1052");
            assertThat(refused.output()).contains("not allowed: a person refused");
        }
    }

    @Test
    void theFaqIsSemanticMemoryInASqliteFile() {
        new CustomerService().run(context());
        new CustomerService().run(context());      // loading again replaces the entries, never duplicates them

        try (JdbcStore store = SqliteStore.open(data.resolve("customer-service/knowledge.db"))) {
            var knowledge = EmbeddingKnowledgeStore.builder(store.vectors(), MiniLm.model()).build();
            var hits = knowledge.recall(CustomerService.FAQ_SCOPE, KnowledgeQuery.of("is there a guarantee on electrical items?").topK(20));

            assertThat(hits).hasSize(7);
            assertThat(hits.get(0).documentId()).isEqualTo("do-you-have-a-warranty");
            assertThat(hits.get(0).metadata()).containsEntry("source", "faq.md#do-you-have-a-warranty");
            assertThat(hits).extracting(Recollection::documentId).doesNotHaveDuplicates();
        }
    }
}
