package dev.praxis.store.checkpoint;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.state.CheckpointStore;
import dev.praxis.team.Blackboard;
import dev.praxis.team.Member;
import dev.praxis.team.Sequence;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The team of {@link TeamCrashResumeTest}: a service chain of three durable members sharing
 * one checkpoint store and a blackboard. {@code plan} writes the plan on the board,
 * {@code payments} (the agent of {@link Payments}) moves the money, {@code report} reads the
 * plan back from the board and reports. Every model decides from its conversation alone, so
 * the team continues correctly in another process.
 */
final class Desk {

    static final String PLAN = "move 10 from A to B";

    private Desk() {
    }

    /** The team; {@code pause} also hears "plan:model:N" and "report:model:N" before each model call. */
    static Sequence team(Path bank, CheckpointStore store, Blackboard board, Consumer<String> pause) {
        LlmAgent plan = LlmAgent.builder().name("plan").llm(counted("plan", pause, Desk::plan))
                .tools(board.tools("plan").toArray()).checkpoints(store).build();
        LlmAgent payments = Payments.agent(bank, store, MessageWindowMemory.of(100), pause);
        LlmAgent report = LlmAgent.builder().name("report").llm(counted("report", pause, Desk::report))
                .tools(board.tools("report").toArray()).checkpoints(store).build();
        return Sequence.of("desk", Member.of("plan", plan), Member.of("payments", payments), Member.of("report", report))
                .withCheckpoints(store).withBlackboard(board);
    }

    private static LlmClient counted(String name, Consumer<String> pause, LlmClient model) {
        AtomicInteger calls = new AtomicInteger();
        return request -> {
            pause.accept(name + ":model:" + calls.incrementAndGet());
            return model.chat(request);
        };
    }

    private static ChatResponse plan(ChatRequest request) {
        if (toolResult(request.messages()) == null) {
            return call("blackboard_write", "{\"scope\":\"desk\",\"name\":\"plan\",\"value\":\"" + PLAN + "\"}");
        }
        return text("planned");
    }

    private static ChatResponse report(ChatRequest request) {
        String plan = toolResult(request.messages());
        if (plan == null) {
            return call("blackboard_read", "{\"scope\":\"desk\",\"name\":\"plan\"}");
        }
        String payments = request.messages().stream().filter(m -> m instanceof UserMessage)
                .map(m -> ((UserMessage) m).singleText()).findFirst().orElse("");
        return text("report: " + plan + " | " + payments);
    }

    private static String toolResult(List<ChatMessage> messages) {
        return messages.stream().filter(m -> m instanceof ToolExecutionResultMessage)
                .map(m -> ((ToolExecutionResultMessage) m).text()).findFirst().orElse(null);
    }

    private static ChatResponse call(String tool, String arguments) {
        return ChatResponse.builder().aiMessage(AiMessage.from(List.of(ToolExecutionRequest.builder().id("c1")
                .name(tool).arguments(arguments).build()))).build();
    }

    private static ChatResponse text(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }
}
