package dev.praxis.distributed;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
import dev.praxis.store.checkpoint.EffectLedger;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Toolbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The agents of the distributed tests. {@code shop} reserves and charges an order with
 * side-effecting tools that write to a shared SQLite "shop" {@link EffectLedger} (an attempts
 * row on entry, an effects row as the effect, per run), with a model that decides from the conversation alone,
 * so any worker continues a run correctly: when a call was in flight at a crash, it checks the
 * ledger and repeats the call only if the effect is absent. {@code shop-approval} is the same
 * agent whose {@code charge} needs a person's approval. An input containing {@code POISON} makes
 * the model throw an {@link Error}, as a run that always crashes its worker thread.
 */
final class Shop {

    static final List<String> EFFECTS = List.of("reserve", "charge");

    private Shop() {
    }

    /** The shop agents, with {@code latencyMillis} of simulated model latency per call. */
    static List<LlmAgent> agents(Path db, long latencyMillis) {
        EffectLedger ledger = EffectLedger.at(db);
        List<Tool> tools = List.of(ledger.effect("reserve", SideEffect.WRITE, point -> { }),
                ledger.effect("charge", SideEffect.EXTERNAL, point -> { }), ledger.check());
        LlmAgent shop = LlmAgent.builder().name("shop").llm(model(latencyMillis)).tools(tools.toArray()).build();
        LlmAgent approval = LlmAgent.builder().name("shop-approval").llm(model(latencyMillis)).toolbox(Toolbox.of(tools)
                .withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.askPerson(question)))
                .build();
        return List.of(shop, approval);
    }

    /** How many rows {@code table} has per run and tool, as "runId/tool" → count. */
    static Map<String, Integer> counts(Path db, String table) {
        return EffectLedger.at(db).counts(table);
    }

    /** Stands for a JVM that cannot go on: the agent loop throws a VirtualMachineError on, as a dying process would. */
    static final class Crash extends VirtualMachineError {
        private static final long serialVersionUID = 1L;

        Crash(String message) {
            super(message);
        }
    }

    private static LlmClient model(long latencyMillis) {
        return request -> {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return decide(request);
        };
    }

    /** The next move, from the conversation alone: both effects together. */
    static ChatResponse decide(ChatRequest request) {
        List<ChatMessage> all = request.messages();
        int start = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof UserMessage) {
                start = i;
            }
        }
        // this run's messages only: earlier runs of the session are history, not this order
        List<ChatMessage> messages = all.subList(start, all.size());
        String input = ((UserMessage) messages.get(0)).singleText();
        if (input.contains("POISON")) {
            throw new Crash("the model adapter cannot handle this input");
        }
        EffectLedger.Progress progress = EffectLedger.Progress.of(messages, EFFECTS);
        if (progress.denied().isPresent()) {
            return EffectLedger.answer("order not charged: " + progress.denied().get() + " was denied");
        }
        if (!progress.check().isEmpty()) {
            return EffectLedger.checkCall(messages, progress.check().get(0));
        }
        if (progress.todo().isEmpty()) {
            return EffectLedger.answer("order placed: " + input);
        }
        return EffectLedger.effectCalls(messages, progress.todo());
    }
}
