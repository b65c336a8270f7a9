package dev.praxis.store.checkpoint;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Turn;
import dev.praxis.state.CheckpointStore;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The agent of the crash test: it moves money with side-effecting tools that write to a
 * SQLite "bank" database (an attempts row on entry, an effects row as the effect), and a model
 * that decides purely from the conversation, so the same model continues correctly in another
 * process after a crash. When a tool result says a call was in flight, the model checks the
 * ledger and repeats the call only if it had no effect.
 */
final class Payments {

    static final List<String> EFFECTS = List.of("debit", "credit", "notify");

    private Payments() {
    }

    /** The session whose conversation the agent keeps in the bank's SQLite memory. */
    static final MemoryScope SESSION = MemoryScope.of("owner", "transfer");

    /**
     * The agent, with its conversation in {@code memory}; {@code pause} is called with points
     * like "debit:before" or "memory:after:2" (around the 2nd memory write) and may block forever.
     */
    static LlmAgent agent(Path bank, CheckpointStore store, ConversationMemory memory, Consumer<String> pause) {
        EffectLedger ledger = EffectLedger.at(bank);
        List<Tool> tools = new ArrayList<>();
        for (String effect : EFFECTS) {
            tools.add(ledger.effect(effect, effect.equals("notify") ? SideEffect.EXTERNAL : SideEffect.WRITE, pause));
        }
        tools.add(ledger.check());
        return LlmAgent.builder().name("payments").llm(model(pause)).tools(tools.toArray())
                .memory(new PausingMemory(memory, pause)).checkpoints(store).build();
    }

    /** The durable conversation memory of the crash test, in {@code store} (its own SQLite file). */
    static ConversationMemory memory(JdbcStore store) {
        return store.conversations(1000);
    }

    /** How many rows {@code table} of the bank has for {@code tool}. */
    static int count(Path bank, String table, String tool) {
        return EffectLedger.at(bank).count(table, tool);
    }

    private static LlmClient model(Consumer<String> pause) {
        int[] calls = {0};
        return request -> {
            pause.accept("model:" + (++calls[0]));
            return decide(request);
        };
    }

    /** The next move, from the conversation alone: debit and credit together, then notify. */
    static ChatResponse decide(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        EffectLedger.Progress progress = EffectLedger.Progress.of(messages, EFFECTS);
        if (!progress.check().isEmpty()) {
            return EffectLedger.checkCall(messages, progress.check().get(0));
        }
        List<String> todo = progress.todo();
        if (todo.isEmpty()) {
            return EffectLedger.answer("moved 10 from A to B and notified");
        }
        return EffectLedger.effectCalls(messages, todo.get(0).equals("debit") && todo.contains("credit")
                ? List.of("debit", "credit") : List.of(todo.get(0)));
    }

    /** Memory that offers a pause point just before and just after each write. */
    private static final class PausingMemory implements ConversationMemory {
        private final ConversationMemory delegate;
        private final Consumer<String> pause;
        private final AtomicInteger writes = new AtomicInteger();

        PausingMemory(ConversationMemory delegate, Consumer<String> pause) {
            this.delegate = delegate;
            this.pause = pause;
        }

        @Override
        public List<ChatMessage> messages(MemoryScope scope) {
            return delegate.messages(scope);
        }

        @Override
        public void append(MemoryScope scope, Turn turn) {
            int n = writes.incrementAndGet();
            pause.accept("memory:before:" + n);
            delegate.append(scope, turn);
            pause.accept("memory:after:" + n);
        }

        @Override
        public void clear(MemoryScope scope) {
            delegate.clear(scope);
        }
    }
}
