package dev.praxis.tools.a2a;

import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;
import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.ClientEvent;
import io.a2a.client.MessageEvent;
import io.a2a.client.TaskEvent;
import io.a2a.client.TaskUpdateEvent;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfig;
import io.a2a.spec.A2AClientError;
import io.a2a.spec.A2AClientException;
import io.a2a.spec.AgentCard;
import io.a2a.spec.Artifact;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TextPart;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A remote A2A agent as a Praxis {@link Agent}, called through the A2A Java SDK's client and
 * its JSON-RPC transport (with {@code message/stream} when {@link #streaming} is on). Like
 * every agent it never throws from {@link #run}: transport errors, JSON-RPC errors and failed
 * tasks end {@link Status#FAILED} with a reason naming the remote agent. A request's session
 * becomes the A2A context. Needs the optional {@code io.github.a2asdk} client artifacts.
 *
 * <pre>{@code
 * Agent remote = A2aSdkAgent.connect(URI.create("http://10.0.0.5:8080/")).streaming(true);
 * }</pre>
 */
public final class A2aSdkAgent implements Agent {

    private final AgentCard card;
    private final boolean streaming;
    private final Duration timeout;

    private A2aSdkAgent(AgentCard card, boolean streaming, Duration timeout) {
        this.card = card;
        this.streaming = streaming;
        this.timeout = timeout;
    }

    /**
     * Fetches the card at {@code base}{@code /.well-known/agent-card.json}; each message may
     * take up to 5 minutes.
     *
     * @throws IllegalStateException if the card cannot be fetched or read
     */
    public static A2aSdkAgent connect(URI base) {
        Objects.requireNonNull(base, "base");
        try {
            return new A2aSdkAgent(A2A.getAgentCard(base.toString()), false, Duration.ofMinutes(5));
        } catch (A2AClientError e) {
            throw new IllegalStateException("cannot fetch the A2A agent card at " + base + ": " + e.getMessage(), e);
        }
    }

    /** This agent sending with {@code message/stream} (Server-Sent Events) instead of {@code message/send}. */
    public A2aSdkAgent streaming(boolean stream) {
        return new A2aSdkAgent(card, stream, timeout);
    }

    /** The remote agent's card. */
    public AgentCard card() {
        return card;
    }

    @Override
    public AgentResult run(AgentRequest request) {
        String runId = UUID.randomUUID().toString();
        CompletableFuture<AgentResult> outcome = new CompletableFuture<>();
        Message message = new Message.Builder(A2A.toUserMessage(request.input()))
                .contextId(request.scope().map(s -> s.session()).orElse(runId)).build();
        try {
            Client client = Client.builder(card)
                    .clientConfig(new ClientConfig.Builder().setStreaming(streaming).build())
                    .withTransport(JSONRPCTransport.class, new JSONRPCTransportConfig())
                    .addConsumer((event, c) -> settled(runId, event).ifPresent(outcome::complete))
                    .streamingErrorHandler(error -> outcome.complete(failed(runId, "stream failed: " + error)))
                    .build();
            try {
                client.sendMessage(message, null);
                return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                client.close();
            }
        } catch (A2AClientException e) {
            return failed(runId, "answered with an error: " + e.getMessage());
        } catch (ExecutionException | TimeoutException e) {
            return failed(runId, "gave no final answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AgentResult(runId, Status.CANCELLED, "", List.of(), Usage.ZERO,
                    "cancelled while waiting for remote agent '" + card.name() + "'");
        }
    }

    /** The run's result if {@code event} ends it. */
    private Optional<AgentResult> settled(String runId, ClientEvent event) {
        if (event instanceof MessageEvent m) {
            return Optional.of(new AgentResult(runId, Status.COMPLETED, text(m.getMessage().getParts()),
                    List.of(), Usage.ZERO, "final answer"));
        }
        Task task = event instanceof TaskEvent t ? t.getTask() : event instanceof TaskUpdateEvent u ? u.getTask() : null;
        if (task == null || !(task.getStatus().state().isFinal()
                || task.getStatus().state() == TaskState.INPUT_REQUIRED)) {
            return Optional.empty();
        }
        return Optional.of(result(task));
    }

    private AgentResult result(Task task) {
        TaskState state = task.getStatus().state();
        String said = task.getStatus().message() == null ? "" : text(task.getStatus().message().getParts());
        String who = "remote agent '" + card.name() + "' ";
        return switch (state) {
            case COMPLETED -> new AgentResult(task.getId(), Status.COMPLETED, task.getArtifacts() == null ? ""
                    : task.getArtifacts().stream().map(Artifact::parts).map(A2aSdkAgent::text)
                    .collect(Collectors.joining("\n")), List.of(), Usage.ZERO, "final answer");
            case INPUT_REQUIRED, AUTH_REQUIRED -> new AgentResult(task.getId(), Status.AWAITING_APPROVAL, "", List.of(),
                    Usage.ZERO, who + "needs input: " + said);
            case CANCELED -> new AgentResult(task.getId(), Status.CANCELLED, "", List.of(), Usage.ZERO,
                    who + "canceled the task: " + said);
            case REJECTED -> new AgentResult(task.getId(), Status.GUARDRAIL_TRIPPED, "", List.of(), Usage.ZERO,
                    who + "rejected the task: " + said);
            default -> failed(task.getId(), "ended the task in state '" + state.asString() + "': " + said);
        };
    }

    private static String text(List<Part<?>> parts) {
        return parts.stream().filter(p -> p instanceof TextPart).map(p -> ((TextPart) p).getText())
                .collect(Collectors.joining("\n"));
    }

    private AgentResult failed(String runId, String what) {
        return new AgentResult(runId, Status.FAILED, "", List.of(), Usage.ZERO,
                "remote agent '" + card.name() + "' " + what);
    }
}
