package dev.praxis.tools.a2a;

import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;
import dev.praxis.knowledge.Passage;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.Delegation;
import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.ClientEvent;
import io.a2a.client.MessageEvent;
import io.a2a.client.TaskEvent;
import io.a2a.client.TaskUpdateEvent;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfigBuilder;
import io.a2a.client.transport.spi.interceptors.auth.AuthInterceptor;
import io.a2a.spec.A2AClientException;
import io.a2a.spec.AgentCard;
import io.a2a.spec.Artifact;
import io.a2a.spec.DataPart;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TaskArtifactUpdateEvent;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskQueryParams;
import io.a2a.spec.TaskState;
import io.a2a.spec.TextPart;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A remote A2A agent as a Praxis {@link Agent}, called through the A2A Java SDK's client and its
 * JSON-RPC transport, so it can join a team. Each run sends one message ({@code message/send},
 * or {@code message/stream} when {@link #streaming} is on or through {@link #stream}) and maps
 * the answer (a message, or a task by its state) to an {@link AgentResult}. Like every agent it
 * never throws from {@link #run}: an unreachable server, a JSON-RPC error or a failed task end
 * {@link Status#FAILED} with a reason naming the remote agent. A request's session becomes the
 * A2A context, so a conversation continues remotely too. The request's delegation chain travels
 * in the message's metadata, so agents that call each other across servers still stop at the
 * depth limit. Steps and usage of the remote run are not reported. Needs the optional
 * {@code io.github.a2asdk} client artifacts.
 *
 * <pre>{@code
 * Agent remote = A2aAgent.connect(URI.create("http://10.0.0.5:8080/"));
 * Team team = Sequence.of("chain", Member.of("local", local), Member.of("remote", remote));
 * }</pre>
 */
public final class A2aAgent implements Agent {

    private final AgentCard card;
    private final boolean streaming;
    private final Duration timeout;
    private final String credential;

    private A2aAgent(AgentCard card, boolean streaming, Duration timeout, String credential) {
        this.card = card;
        this.streaming = streaming;
        this.timeout = timeout;
        this.credential = credential;
    }

    /** Connects with a 5-minute limit per message; see {@link #connect(URI, Duration)}. */
    public static A2aAgent connect(URI base) {
        return connect(base, Duration.ofMinutes(5));
    }

    /**
     * Fetches the card at {@code base}{@code /.well-known/agent-card.json}.
     *
     * @param timeout how long one message may take
     * @throws A2aException if the card cannot be fetched or read
     */
    public static A2aAgent connect(URI base, Duration timeout) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(timeout, "timeout");
        try {
            return new A2aAgent(A2A.getAgentCard(base.toString()), false, timeout, null);
        } catch (RuntimeException e) { // A2AClientError and the JSON errors are unchecked
            throw new A2aException("cannot fetch the agent card at " + base + ": " + e.getMessage(), e, true);
        }
    }

    /** This agent sending with {@code message/stream} (Server-Sent Events) instead of {@code message/send}. */
    public A2aAgent streaming(boolean stream) {
        return new A2aAgent(card, stream, timeout, credential);
    }

    /**
     * This agent authenticating with {@code credential} as the remote card's security scheme
     * asks: a bearer token ({@code Authorization: Bearer ...}) or an API key in the header the
     * card names. Sent through the SDK's {@code AuthInterceptor}; never logged.
     */
    public A2aAgent withCredential(String credential) {
        return new A2aAgent(card, streaming, timeout, Objects.requireNonNull(credential, "credential"));
    }

    /** The remote agent's card. */
    public AgentCard card() {
        return card;
    }

    @Override
    public AgentResult run(AgentRequest request) {
        return send(request, streaming, text -> { });
    }

    /**
     * Sends the request with {@code message/stream} and hands {@code onText} the answer's text as
     * the remote agent writes it (artifact chunks, in order). The result is as for {@link #run};
     * its output is the final answer, which replaces what was streamed (the remote side may have
     * rewritten it). Never throws.
     */
    public AgentResult stream(AgentRequest request, Consumer<String> onText) {
        return send(request, true, Objects.requireNonNull(onText, "onText"));
    }

    private AgentResult send(AgentRequest request, boolean stream, Consumer<String> onText) {
        String contextId = request.scope().map(s -> contextId(s.session())).orElse(UUID.randomUUID().toString());
        List<Part<?>> parts = new ArrayList<>();
        parts.add(new TextPart(request.input()));
        try {
            parts.addAll(FileParts.of(request.attachments()));
        } catch (IllegalArgumentException e) {
            return failed(request.runId().orElse(UUID.randomUUID().toString()), "was not called: " + e.getMessage());
        }
        Message message = new Message.Builder(A2A.toUserMessage(request.input())).parts(parts).contextId(contextId)
                .metadata(DelegationMetadata.of(request.delegation())).build();
        return send(message, stream, onText, request.delegation());
    }

    /**
     * Answers a remote task that waits for input ({@code input-required}, an {@link AgentResult}
     * of status {@link Status#AWAITING_APPROVAL} whose run id is the task id): the remote run
     * continues where it paused with {@code decision} for every call it waits for (approve, deny,
     * edit, or the answer to an {@code ask_human} question). The result is as for {@link #run}.
     *
     * @throws IllegalArgumentException if {@code decision} is {@link ApprovalDecision.AskPerson}:
     *     an open question is not an answer to send (nothing else throws)
     */
    public AgentResult resume(String taskId, ApprovalDecision decision) {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(decision, "decision");
        DataPart decided = Replies.of(decision);
        Task task;
        try {
            task = call(client -> client.getTask(new TaskQueryParams(taskId), null));
        } catch (A2AClientException e) {
            return failure(taskId, e);
        }
        String text = decision instanceof ApprovalDecision.Answer a ? a.text()
                : decision instanceof ApprovalDecision.Deny d ? d.reason()
                : decision instanceof ApprovalDecision.Allow ? "approve" : "edit";
        Message reply = new Message.Builder().role(Message.Role.USER).messageId(UUID.randomUUID().toString())
                .taskId(taskId).contextId(task.getContextId())
                .parts(List.of(new TextPart(text), decided)).build();
        return send(reply, streaming, chunk -> { }, Delegation.NONE);
    }

    /**
     * Asks the remote agent to cancel {@code taskId}: a running run stops at its next check, a
     * paused one is dropped. Returns how the task ended: {@link Status#CANCELLED}, or
     * {@link Status#FAILED} with the server's reason when it refused (the task had already
     * ended). Never throws.
     */
    public AgentResult cancel(String taskId) {
        Objects.requireNonNull(taskId, "taskId");
        try {
            return result(call(client -> client.cancelTask(new TaskIdParams(taskId), null)));
        } catch (A2AClientException e) {
            return failure(taskId, e);
        }
    }

    private AgentResult send(Message message, boolean stream, Consumer<String> onText, Delegation delegation) {
        String runId = message.getTaskId() != null ? message.getTaskId() : UUID.randomUUID().toString();
        CompletableFuture<AgentResult> outcome = new CompletableFuture<>();
        AtomicReference<String> taskId = new AtomicReference<>(message.getTaskId());
        try {
            Client client = client(stream, (event, card) -> {
                chunk(event).ifPresent(onText);
                taskOf(event).ifPresent(task -> taskId.compareAndSet(null, task.getId()));
                settled(runId, event, delegation).ifPresent(outcome::complete);
            }, error -> outcome.complete(failure(runId, error)));
            try {
                client.sendMessage(message, null);
                return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                client.close();
            }
        } catch (A2AClientException e) {
            return failure(runId, e);
        } catch (ExecutionException | TimeoutException e) {
            return failed(runId, "gave no final answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            return cancelled(runId, taskId.get());
        }
    }

    /** The local run was cancelled: cancel the remote task too, when its id is known (streaming). */
    private AgentResult cancelled(String runId, String taskId) {
        String remote = "";
        if (taskId != null) {
            AgentResult canceled = cancel(taskId);
            remote = canceled.status() == Status.CANCELLED ? "; the remote task was canceled"
                    : "; canceling the remote task failed: " + canceled.reason();
        }
        Thread.currentThread().interrupt();
        return new AgentResult(taskId != null ? taskId : runId, Status.CANCELLED, "", List.of(), Usage.ZERO,
                "cancelled while waiting for remote agent '" + card.name() + "'" + remote);
    }

    private Client client(boolean stream, BiConsumer<ClientEvent, AgentCard> consumer, Consumer<Throwable> onError)
            throws A2AClientException {
        return Client.builder(card).clientConfig(new ClientConfig.Builder().setStreaming(stream).build())
                .withTransport(JSONRPCTransport.class, transport())
                .addConsumer(consumer).streamingErrorHandler(onError).build();
    }

    private JSONRPCTransportConfig transport() {
        JSONRPCTransportConfigBuilder transport = new JSONRPCTransportConfigBuilder();
        if (credential != null) {
            transport.addInterceptor(new AuthInterceptor((scheme, context) -> credential));
        }
        return transport.build();
    }

    private <T> T call(ClientCall<T> call) throws A2AClientException {
        Client client = client(false, (event, card) -> { }, error -> { });
        try {
            return call.on(client);
        } finally {
            client.close();
        }
    }

    @FunctionalInterface
    private interface ClientCall<T> {
        T on(Client client) throws A2AClientException;
    }

    private static Optional<Task> taskOf(ClientEvent event) {
        return Optional.ofNullable(event instanceof TaskEvent t ? t.getTask()
                : event instanceof TaskUpdateEvent u ? u.getTask() : null);
    }

    /** Streamed text in {@code event}: an artifact chunk that is not the whole answer at the end. */
    private static Optional<String> chunk(ClientEvent event) {
        if (event instanceof TaskUpdateEvent update && update.getUpdateEvent() instanceof TaskArtifactUpdateEvent a
                && !Boolean.TRUE.equals(a.isLastChunk())) {
            String text = text(a.getArtifact().parts());
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
        return Optional.empty();
    }

    /** The run's result if {@code event} ends it. */
    private Optional<AgentResult> settled(String runId, ClientEvent event, Delegation delegation) {
        if (event instanceof MessageEvent m) {
            Map<String, Object> metadata = m.getMessage().getMetadata();
            return Optional.of(new AgentResult(runId, Status.COMPLETED, answerText(m.getMessage().getParts()),
                    List.of(), Usage.ZERO, "final answer", ResultMetadata.citations(metadata, card.name()),
                    ResultMetadata.untrusted(metadata, card.name())));
        }
        Task task = taskOf(event).orElse(null);
        if (task == null || !(task.getStatus().state().isFinal()
                || task.getStatus().state() == TaskState.INPUT_REQUIRED
                || task.getStatus().state() == TaskState.AUTH_REQUIRED)) {
            return Optional.empty();
        }
        Message said = task.getStatus().message();
        if (said != null && said.getMetadata() != null
                && said.getMetadata().get(DelegationMetadata.STOPPED) instanceof String stopped) {
            // the remote part of the tree hit the depth limit: end the local part too
            delegation.stop("remote agent '" + card.name() + "': " + abbreviate(stopped));
        }
        return Optional.of(result(task));
    }

    private AgentResult result(Task task) {
        TaskState state = task.getStatus().state();
        String said = task.getStatus().message() == null ? "" : text(task.getStatus().message().getParts());
        String who = "remote agent '" + card.name() + "' ";
        return switch (state) {
            case COMPLETED -> answer(task);
            case INPUT_REQUIRED, AUTH_REQUIRED -> new AgentResult(task.getId(), Status.AWAITING_APPROVAL, "", List.of(),
                    Usage.ZERO, who + "needs input: " + said);
            case CANCELED -> new AgentResult(task.getId(), Status.CANCELLED, "", List.of(), Usage.ZERO,
                    who + "canceled the task: " + said);
            case REJECTED -> new AgentResult(task.getId(), Status.GUARDRAIL_TRIPPED, "", List.of(), Usage.ZERO,
                    who + "rejected the task: " + said);
            default -> failed(task.getId(), "ended the task in state '" + state.asString() + "': " + said);
        };
    }

    /**
     * A completed task's answer: its artifacts' text, with the citations and untrusted sources the
     * peer sent as their metadata (see {@link ResultMetadata}).
     */
    private AgentResult answer(Task task) {
        List<Artifact> artifacts = task.getArtifacts() == null ? List.of() : task.getArtifacts();
        List<Passage> citations = new ArrayList<>();
        Set<String> untrusted = new TreeSet<>();
        for (Artifact artifact : artifacts) {
            citations.addAll(ResultMetadata.citations(artifact.metadata(), card.name()));
            untrusted.addAll(ResultMetadata.untrusted(artifact.metadata(), card.name()));
        }
        if (artifacts.isEmpty()) {
            untrusted.addAll(ResultMetadata.untrusted(null, card.name()));
        }
        return new AgentResult(task.getId(), Status.COMPLETED, artifacts.stream().map(Artifact::parts)
                .map(A2aAgent::answerText).collect(Collectors.joining("\n")), List.of(), Usage.ZERO, "final answer",
                citations, untrusted);
    }

    /**
     * An answer's text with a line naming each file part after it: {@link AgentResult} carries
     * text only, so files are described rather than dropped without a trace.
     */
    private static String answerText(List<Part<?>> parts) {
        String text = text(parts);
        String files = FileParts.describe(parts);
        return files.isEmpty() ? text : text.isEmpty() ? files : text + "\n" + files;
    }

    static String text(List<Part<?>> parts) {
        return parts.stream().filter(p -> p instanceof TextPart).map(p -> ((TextPart) p).getText())
                .collect(Collectors.joining("\n"));
    }

    private AgentResult failure(String runId, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return cancelled(runId, null);
            }
            if (cause instanceof IOException && cause.getMessage() != null
                    && cause.getMessage().matches("(Authentication|Authorization) failed.*|Request failed 40[13]")) {
                String status = cause.getMessage().startsWith("Authorization") || cause.getMessage().endsWith("403")
                        ? "403" : "401";
                return failed(runId, "refused the request (HTTP " + status + "): "
                        + (credential == null ? "it asks for credentials, see withCredential" : "check the credential"));
            }
            if (cause instanceof IOException) {
                return failed(runId, "is unreachable at " + card.url() + ": " + cause);
            }
        }
        return failed(runId, "answered with an error: " + error.getMessage());
    }

    private AgentResult failed(String runId, String what) {
        return new AgentResult(runId, Status.FAILED, "", List.of(), Usage.ZERO,
                "remote agent '" + card.name() + "' " + what);
    }

    private static String contextId(String session) {
        return PraxisAgentExecutor.CONTEXT_ID.matcher(session).matches() ? session
                : UUID.nameUUIDFromBytes(session.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
