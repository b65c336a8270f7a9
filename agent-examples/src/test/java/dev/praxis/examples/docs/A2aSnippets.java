package dev.praxis.examples.docs;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import dev.praxis.tools.a2a.A2aAgent;
import dev.praxis.tools.a2a.A2aServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/a2a.md, against a real A2A server on loopback. */
class A2aSnippets {

    @Test
    void anApprovalCrossesA2aAndResumesTheRemoteRun() {
        List<String> paid = new CopyOnWriteArrayList<>();
        LlmAgent payments = LlmAgent.builder()
                .llm(ScriptedLlm.of(toolCall("pay", "{\"invoice\":42}"), text("Invoice 42 is paid.")))
                .toolbox(Toolbox.of(Tools.of("pay", "pays an invoice", JsonObjectSchema.builder()
                        .addIntegerProperty("invoice").build(), SideEffect.EXTERNAL, args -> {
                    paid.add(args.toString());
                    return "paid";
                })).withApproval(ApprovalPolicy.standard(), (r, q) -> ApprovalDecision.askPerson(q)))
                .build();
        try (A2aServer server = A2aServer.start(payments, A2aServer.card("payments", "Pays invoices"),
                new InetSocketAddress("127.0.0.1", 0))) {
            // tag::resume[]
            A2aAgent remote = A2aAgent.connect(server.uri());
            AgentResult waiting = remote.run("Pay invoice 42");           // AWAITING_APPROVAL
            AgentResult done = remote.resume(waiting.runId(), ApprovalDecision.allow());
            // end::resume[]

            assertThat(waiting.status()).isEqualTo(Status.AWAITING_APPROVAL);
            assertThat(done.output()).isEqualTo("Invoice 42 is paid.");
            assertThat(paid).hasSize(1);
        }
    }
}
