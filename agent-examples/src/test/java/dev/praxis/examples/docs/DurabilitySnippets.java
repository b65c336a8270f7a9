package dev.praxis.examples.docs;

import dev.langchain4j.agent.tool.P;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/durability.md: checkpoints in a real SQLite file, a paused run resumed after approval. */
class DurabilitySnippets {

    @TempDir
    Path dataDir;

    /** The page's payment tool: an EXTERNAL side effect, recorded so the test can count it. */
    public static final class Payments {
        final List<String> paid = new CopyOnWriteArrayList<>();

        @dev.langchain4j.agent.tool.Tool("Pays an invoice")
        @SideEffects(SideEffect.EXTERNAL)
        public String pay(@P("the invoice number") int invoice) {
            paid.add("invoice " + invoice);
            return "paid invoice " + invoice;
        }
    }

    @Test
    void everyRunIsCheckpointed() {
        LlmClient llm = ScriptedLlm.of(toolCall("pay", "{\"invoice\":42}"), text("Invoice 42 is paid."));
        List<String> resumed = new CopyOnWriteArrayList<>();
        // tag::checkpoints[]
        JdbcStore data = SqliteStore.open(dataDir.resolve("runs.db"));   // close it when the application stops
        CheckpointStore store = data.checkpoints();                       // or FileCheckpointStore.in(dir)
        LlmAgent agent = LlmAgent.builder().llm(llm).tools(new Payments()).checkpoints(store).build();

        AgentResult result = agent.run("Pay invoice 42");

        // after a restart: continue whatever was running
        for (String runId : store.runIds(RunState.Phase.RUNNING)) {
            agent.resume(runId);
        }
        // end::checkpoints[]

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        RunState saved = store.load(result.runId()).orElseThrow();
        assertThat(saved.phase()).isEqualTo(RunState.Phase.ENDED);
        assertThat(store.runIds(RunState.Phase.RUNNING)).isEmpty();
        data.close();
    }

    @Test
    void aPausedRunContinuesAfterApproval() {
        Payments payments = new Payments();
        List<Tool> tools = Tools.from(payments);
        LlmClient llm = ScriptedLlm.of(toolCall("pay", "{\"invoice\":42}"), text("Invoice 42 is paid."));
        // tag::approval[]
        Toolbox toolbox = Toolbox.of(tools)
                .withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.askPerson(question));
        LlmAgent agent = LlmAgent.builder().llm(llm).toolbox(toolbox).approvalTimeout(Duration.ofHours(4)).build();

        AgentResult paused = agent.run("Pay invoice 42");             // AWAITING_APPROVAL
        // ... later, when the person has decided:
        AgentResult done = agent.resume(paused.runId(), ApprovalDecision.allow());
        // end::approval[]

        assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.output()).isEqualTo("Invoice 42 is paid.");
        assertThat(payments.paid).containsExactly("invoice 42");
    }
}
