package dev.praxis.tools.a2a;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.state.AskHuman;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.ClientEvent;
import io.a2a.client.TaskEvent;
import io.a2a.client.TaskUpdateEvent;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfig;
import io.a2a.spec.A2AClientException;
import io.a2a.spec.Message;
import io.a2a.spec.Task;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskQueryParams;
import io.a2a.spec.TaskState;
import io.a2a.spec.TextPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tasks over A2A that outlive one message, over real HTTP on loopback: {@code tasks/cancel}
 * stops the running Praxis run, and an {@code input-required} task resumes the same run. Both
 * from Praxis's {@link A2aAgent} and from the SDK's own {@link Client}.
 */
@Timeout(60)
class A2aTaskTest {

    @RegisterExtension
    final Loopback loopback = new Loopback();

    private A2aServer serve(LlmAgent agent) {
        return loopback.serve(agent, A2aServer.card("worker", "Works"));
    }

    /** A model that starts streaming its answer and never finishes, until the run closes the stream. */
    private static final class HangingModel implements LlmClient {
        final CountDownLatch streaming = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public ChatResponse chat(ChatRequest request) {
            throw new AssertionError("the agent streams");
        }

        @Override
        public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
            handler.onPartialResponse(new PartialResponse("thinking"), new PartialResponseContext(new StreamingHandle() {
                @Override
                public void cancel() {
                    closed.countDown();
                }

                @Override
                public boolean isCancelled() {
                    return closed.getCount() == 0;
                }
            }));
            streaming.countDown();
        }
    }

    private Client sdkClient(A2aServer server, boolean streaming, BiConsumer<ClientEvent, io.a2a.spec.AgentCard> consumer)
            throws Exception {
        Client client = Client.builder(A2A.getAgentCard(server.uri().toString()))
                .clientConfig(new ClientConfig.Builder().setStreaming(streaming).build())
                .withTransport(JSONRPCTransport.class, new JSONRPCTransportConfig())
                .addConsumer(consumer).build();
        loopback.closeAfter(client::close);
        return client;
    }

    private static LlmAgent payer(ScriptedLlm llm, List<String> paid) {
        return LlmAgent.builder().llm(llm)
                .toolbox(Toolbox.of(Tools.of("pay", "pays an invoice", JsonObjectSchema.builder()
                        .addIntegerProperty("invoice").build(), SideEffect.EXTERNAL, args -> {
                    paid.add(args.toString());
                    return "paid";
                })).withApproval(ApprovalPolicy.standard(), (r, q) -> ApprovalDecision.askPerson(q)))
                .build();
    }

    @Test
    void theSdkClientCancelsARunningRunAndTheTaskEndsCanceled() throws Exception {
        HangingModel model = new HangingModel();
        A2aServer server = serve(LlmAgent.builder().llm(model).streaming(true).build());
        CompletableFuture<String> taskId = new CompletableFuture<>();
        CompletableFuture<Task> last = new CompletableFuture<>();
        Client client = sdkClient(server, true, (event, card) -> {
            Task task = event instanceof TaskEvent t ? t.getTask() : ((TaskUpdateEvent) event).getTask();
            if (task.getArtifacts() != null && !task.getArtifacts().isEmpty()) {
                taskId.complete(task.getId()); // the model is writing: the run is in flight
            }
            if (task.getStatus().state().isFinal()) {
                last.complete(task);
            }
        });

        client.sendMessage(A2A.toUserMessage("think hard"), null);
        Task canceled = client.cancelTask(new TaskIdParams(taskId.get(30, TimeUnit.SECONDS)), null);

        assertThat(canceled.getStatus().state()).isEqualTo(TaskState.CANCELED);
        assertThat(model.closed.await(30, TimeUnit.SECONDS)).as("the model's stream was closed").isTrue();
        Task streamed = last.get(30, TimeUnit.SECONDS);
        assertThat(streamed.getStatus().state()).isEqualTo(TaskState.CANCELED);
        assertThat(A2aAgent.text(streamed.getStatus().message().getParts()))
                .startsWith("CANCELLED: cancelled during the model call at step 1");
        assertThat(client.getTask(new TaskQueryParams(streamed.getId()), null).getStatus().state())
                .isEqualTo(TaskState.CANCELED);
    }

    @Test
    void cancellingTheLocalRunCancelsTheRemoteTask() throws Exception {
        HangingModel model = new HangingModel();
        A2aAgent remote = A2aAgent.connect(serve(LlmAgent.builder().llm(model).streaming(true).build()).uri());
        CountDownLatch writing = new CountDownLatch(1);
        CompletableFuture<AgentResult> result = new CompletableFuture<>();
        Thread caller = new Thread(() -> result.complete(remote.stream(AgentRequest.of("think hard"),
                chunk -> writing.countDown())));
        caller.start();

        assertThat(writing.await(30, TimeUnit.SECONDS)).as("the remote model is writing").isTrue();
        caller.interrupt();

        AgentResult ended = result.get(30, TimeUnit.SECONDS);
        assertThat(ended.status()).isEqualTo(Status.CANCELLED);
        assertThat(ended.reason()).endsWith("the remote task was canceled");
        assertThat(model.closed.await(30, TimeUnit.SECONDS)).as("the remote run stopped its model call").isTrue();
    }

    @Test
    void anApprovalOverA2aResumesTheSameRunAndTheCallRunsOnce() {
        ScriptedLlm llm = ScriptedLlm.of(toolCall("pay", "{\"invoice\":42}"), text("invoice 42 is paid"));
        List<String> paid = new CopyOnWriteArrayList<>();
        A2aAgent remote = A2aAgent.connect(serve(payer(llm, paid)).uri());

        AgentResult waiting = remote.run("pay invoice 42");
        AgentResult done = remote.resume(waiting.runId(), ApprovalDecision.allow());

        assertThat(waiting.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(waiting.reason()).contains("waiting for a person to decide on 1 call(s): pay");
        assertThat(done.status()).as(done.reason()).isEqualTo(Status.COMPLETED);
        assertThat(done.output()).isEqualTo("invoice 42 is paid");
        assertThat(done.runId()).isEqualTo(waiting.runId());
        assertThat(paid).hasSize(1);
        assertThat(llm.requests()).hasSize(2);
        assertThat(llm.requests().get(1).messages()).anySatisfy(m -> assertThat(m)
                .isInstanceOfSatisfying(ToolExecutionResultMessage.class, r -> assertThat(r.text()).isEqualTo("paid")));
    }

    @Test
    void anyA2aClientAnswersInTextAndAnythingButApproveDenies() throws Exception {
        ScriptedLlm llm = ScriptedLlm.of(toolCall("pay", "{\"invoice\":7}"), text("not paid, as you wish"));
        List<String> paid = new CopyOnWriteArrayList<>();
        A2aServer server = serve(payer(llm, paid));
        Task waiting = send(server, A2A.toUserMessage("pay invoice 7"));

        Task done = send(server, new Message.Builder().role(Message.Role.USER).messageId(UUID.randomUUID().toString())
                .taskId(waiting.getId()).contextId(waiting.getContextId())
                .parts(List.of(new TextPart("no, that one is disputed"))).build());

        assertThat(waiting.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
        assertThat(A2aAgent.text(waiting.getStatus().message().getParts())).contains("Reply 'approve'");
        assertThat(done.getId()).isEqualTo(waiting.getId());
        assertThat(done.getStatus().state()).isEqualTo(TaskState.COMPLETED);
        assertThat(paid).isEmpty();
        assertThat(llm.requests().get(1).messages().toString()).contains("no, that one is disputed");
    }

    @Test
    void aQuestionForAPersonIsAnsweredOverA2a() {
        ScriptedLlm llm = ScriptedLlm.of(toolCall(AskHuman.NAME, "{\"question\":\"Which city?\"}"),
                request -> text("weather for " + ((ToolExecutionResultMessage) request.messages()
                        .get(request.messages().size() - 1)).text()).reply(request));
        A2aAgent remote = A2aAgent.connect(serve(LlmAgent.builder().llm(llm).tools(new AskHuman()).build()).uri())
                .streaming(true);

        AgentResult asked = remote.run("what is the weather?");
        AgentResult answered = remote.resume(asked.runId(), ApprovalDecision.answer("Oslo"));

        assertThat(asked.reason()).contains("ask_human");
        assertThat(answered.output()).isEqualTo("weather for Oslo");
    }

    @Test
    void aPausedTaskCanBeCanceledAndAnEndedTaskTakesNoMoreMessages() throws Exception {
        List<String> paid = new CopyOnWriteArrayList<>();
        A2aServer server = serve(payer(ScriptedLlm.of(toolCall("pay", "{\"invoice\":1}")), paid));
        A2aAgent remote = A2aAgent.connect(server.uri());
        AgentResult waiting = remote.run("pay invoice 1");

        AgentResult canceled = remote.cancel(waiting.runId());
        AgentResult again = remote.resume(waiting.runId(), ApprovalDecision.allow());

        assertThat(canceled.status()).as(canceled.reason()).isEqualTo(Status.CANCELLED);
        assertThat(again.status()).isEqualTo(Status.FAILED);
        assertThat(again.reason()).contains("takes no more messages");
        assertThat(paid).isEmpty();
        assertThatThrownBy(() -> sdkClient(server, false, (e, c) -> { })
                .cancelTask(new TaskIdParams(waiting.runId()), null)).isInstanceOf(A2AClientException.class);
    }

    private Task send(A2aServer server, Message message) throws Exception {
        CompletableFuture<Task> answer = new CompletableFuture<>();
        sdkClient(server, false, (event, card) -> answer.complete(((TaskEvent) event).getTask()))
                .sendMessage(message, null);
        return answer.get(30, TimeUnit.SECONDS);
    }
}
