package dev.praxis.tools.a2a;

import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.langchain4j.data.message.Content;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.ResumableAgent;
import dev.praxis.memory.MemoryScope;
import dev.praxis.state.CheckpointException;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.Delegation;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.events.EventQueue;
import io.a2a.server.tasks.PushNotificationConfigStore;
import io.a2a.server.tasks.TaskUpdater;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.JSONRPCError;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TaskNotCancelableError;
import io.a2a.spec.TaskState;
import io.a2a.spec.TextPart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The SDK's {@link AgentExecutor} for a Praxis {@link Agent}: each message runs the agent in
 * the A2A context's session (memory tenant {@code a2a}) with the task id as run id, and the task
 * follows the run: the answer as an artifact streamed chunk by chunk while the model writes it
 * (for an {@link LlmAgent} that streams) and whole at the end, then {@code completed},
 * {@code input-required} while it waits for a person, {@code rejected} when a guardrail stopped
 * it, {@code canceled} or {@code failed} with the reason. The next message on an
 * {@code input-required} task resumes the same run with the person's answer ({@link Replies});
 * {@code tasks/cancel} interrupts the running run, which ends {@code CANCELLED} at its next
 * check, or drops a paused one. The delegation chain a peer sends in the message metadata counts
 * towards the served agent's depth limit.
 */
final class PraxisAgentExecutor implements AgentExecutor {

    static final Pattern CONTEXT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Agent agent;
    /** Where each running task's partial text goes, by run id (= task id). */
    private final Map<String, AgentListener> streams = new ConcurrentHashMap<>();
    /** The thread running each task's run; guarded by itself for interrupts. */
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    /** Tasks whose run waits for a person: task id to run id. */
    private final Map<String, String> paused = new ConcurrentHashMap<>();
    /** Who started each task, when callers are authenticated: task id to caller. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    private final PushNotificationConfigStore webhooks;

    /** @param webhooks where webhooks sent with a task's first message are registered */
    PraxisAgentExecutor(Agent agent, PushNotificationConfigStore webhooks) {
        this.webhooks = webhooks;
        // one variant for the server's life, so runs it keeps in memory (paused ones) stay reachable
        this.agent = agent instanceof LlmAgent llm ? llm.toBuilder().listener(this::route).build() : agent;
    }

    private void route(AgentEvent event) {
        if (event instanceof AgentEvent.PartialText partial) {
            AgentListener stream = streams.get(partial.runId());
            if (stream != null) {
                stream.on(event);
            }
        }
    }

    @Override
    public void execute(RequestContext context, EventQueue queue) throws JSONRPCError {
        Delegation delegation = DelegationMetadata.read(context.getMessage().getMetadata())
                .orElseThrow(() -> new InvalidParamsError("metadata." + DelegationMetadata.DELEGATION
                        + " must hold a 'chain' of agent names and optionally a positive 'maxDepth'"));
        String taskId = context.getTaskId();
        Optional<String> resumed = continued(context.getTask());
        String caller = caller(context);
        owners.putIfAbsent(taskId, caller);
        if (context.getTask() == null && context.getConfiguration() != null
                && context.getConfiguration().pushNotificationConfig() != null) {
            // the SDK's blocking message/send registers a webhook only for a task that exists already
            webhooks.setInfo(taskId, context.getConfiguration().pushNotificationConfig());
        }
        // read the files before the task is created, so a refused file part is an error, not a failed task
        AgentRequest request = resumed.isPresent() ? null : request(context, caller);
        TaskUpdater task = new TaskUpdater(context, queue);
        if (context.getTask() == null) {
            task.submit();
        }
        task.startWork();
        Answer answer = new Answer(task);
        streams.put(taskId, answer::onEvent);
        running.put(taskId, Thread.currentThread());
        AgentResult result;
        try {
            result = resumed.isPresent() ? resume(resumed.get(), context.getMessage())
                    : agent.run(request.withRunId(taskId).delegatedBy(delegation));
        } finally {
            synchronized (running) {
                running.remove(taskId);
            }
            Thread.interrupted(); // a cancel that came as the run ended must not hit the queue below
            streams.remove(taskId);
        }
        if (result.status() == dev.praxis.agent.Status.AWAITING_APPROVAL && agent instanceof ResumableAgent) {
            paused.put(taskId, result.runId());
        }
        report(task, answer, result, delegation.stopped());
    }

    /**
     * The run a message on an existing task continues: the paused one of an input-required
     * task. Any other existing task takes no more messages.
     */
    private Optional<String> continued(Task task) throws JSONRPCError {
        if (task == null) {
            return Optional.empty();
        }
        String runId = task.getStatus().state() == TaskState.INPUT_REQUIRED ? paused.remove(task.getId()) : null;
        if (runId == null) {
            throw new InvalidParamsError("task " + task.getId() + " is " + task.getStatus().state().asString()
                    + " and takes no more messages; send one without a taskId to start a new task");
        }
        return Optional.of(runId);
    }

    private AgentResult resume(String runId, Message reply) {
        ResumableAgent resumable = (ResumableAgent) agent;
        try {
            return resumable.resume(runId, Replies.decisions(reply, resumable.pendingApprovals(runId)));
        } catch (CheckpointException e) {
            return new AgentResult(runId, dev.praxis.agent.Status.FAILED, "", List.of(), dev.praxis.agent.Usage.ZERO,
                    "the paused run cannot be continued: " + e.getMessage());
        }
    }

    /** The authenticated caller's name, or {@code "remote"} when the server does not authenticate. */
    private static String caller(RequestContext context) {
        var user = context.getCallContext() == null ? null : context.getCallContext().getUser();
        return user != null && user.isAuthenticated() ? user.getUsername() : "remote";
    }

    /** Whether {@code caller} may see, cancel or continue {@code taskId}: it started it (or the task is unknown). */
    boolean visibleTo(String taskId, String caller) {
        String owner = owners.get(taskId);
        return owner == null || owner.equals(caller);
    }

    private static AgentRequest request(RequestContext context, String caller) throws InvalidParamsError {
        AgentRequest request = AgentRequest.of(context.getUserInput("\n"))
                .attach(FileParts.attachments(context).toArray(Content[]::new));
        String contextId = context.getContextId();
        // each caller's contexts are its own sessions: another caller naming the same context sees nothing
        return contextId != null && CONTEXT_ID.matcher(contextId).matches()
                ? request.inSession(new MemoryScope("a2a", caller, "a2a", contextId)) : request;
    }

    private void report(TaskUpdater task, Answer answer, AgentResult result, Optional<String> stopped) {
        Map<String, Object> metadata = stopped.<Map<String, Object>>map(r -> Map.of(DelegationMetadata.STOPPED, r))
                .orElse(null);
        switch (result.status()) {
            case COMPLETED -> {
                answer.finish(result);
                task.complete(metadata == null ? null : task.newAgentMessage(List.of(new TextPart("done")), metadata));
            }
            case AWAITING_APPROVAL -> task.requiresInput(task.newAgentMessage(
                    Replies.question(result, pending(result)), metadata), true);
            case GUARDRAIL_TRIPPED -> task.reject(say(task, result, metadata));
            case CANCELLED -> task.cancel(say(task, result, metadata));
            case BUDGET_EXHAUSTED, FAILED, LOOP_DETECTED -> task.fail(say(task, result, metadata));
        }
    }

    private List<dev.praxis.state.PendingApproval> pending(AgentResult result) {
        try {
            return agent instanceof ResumableAgent r ? r.pendingApprovals(result.runId()) : List.of();
        } catch (CheckpointException e) {
            return List.of();
        }
    }

    @Override
    public void cancel(RequestContext context, EventQueue queue) throws JSONRPCError {
        String taskId = context.getTaskId();
        synchronized (running) {
            Thread thread = running.get(taskId);
            if (thread != null) {
                // cooperative: the run checks at its next turn, a model call in flight is abandoned;
                // execute() then reports the CANCELLED run on the task's queue
                thread.interrupt();
                return;
            }
        }
        if (paused.remove(taskId) != null) {
            TaskUpdater task = new TaskUpdater(context, queue);
            task.cancel(task.newAgentMessage(List.of(new TextPart(
                    "CANCELLED: canceled by the client while waiting for input")), null));
            return;
        }
        throw new TaskNotCancelableError();
    }

    private static Message say(TaskUpdater task, AgentResult result, Map<String, Object> metadata) {
        return task.newAgentMessage(List.of(new TextPart(result.status() + ": " + result.reason())), metadata);
    }

    /** The answer artifact: chunks appended while the model writes, then the whole answer as last chunk. */
    private static final class Answer {
        private final TaskUpdater task;
        private final String artifactId = UUID.randomUUID().toString();
        private boolean streamed;

        Answer(TaskUpdater task) {
            this.task = task;
        }

        synchronized void onEvent(AgentEvent event) {
            String text = ((AgentEvent.PartialText) event).text();
            if (!text.isEmpty()) {
                task.addArtifact(List.<Part<?>>of(new TextPart(text)), artifactId, "answer", null, streamed, false);
                streamed = true;
            }
        }

        /**
         * The whole answer replaces what was streamed (a guardrail may have rewritten it), with its
         * citations and provenance as metadata, followed by a file part for each image, audio
         * clip, document or resource the run's tools returned.
         */
        synchronized void finish(AgentResult result) {
            List<Part<?>> parts = new ArrayList<>();
            parts.add(new TextPart(result.output()));
            parts.addAll(FileParts.of(FileParts.toolAttachments(result)));
            task.addArtifact(parts, artifactId, "answer", ResultMetadata.of(result), false, true);
        }
    }
}
