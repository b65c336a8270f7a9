package dev.praxis.tools.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praxis.agent.Agent;
import io.a2a.server.ServerCallContext;
import io.a2a.server.auth.UnauthenticatedUser;
import io.a2a.server.auth.User;
import io.a2a.server.events.InMemoryQueueManager;
import io.a2a.server.requesthandlers.DefaultRequestHandler;
import io.a2a.server.tasks.BasePushNotificationSender;
import io.a2a.server.tasks.InMemoryPushNotificationConfigStore;
import io.a2a.server.tasks.InMemoryTaskStore;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentInterface;
import io.a2a.spec.CancelTaskRequest;
import io.a2a.spec.DeleteTaskPushNotificationConfigRequest;
import io.a2a.spec.GetTaskPushNotificationConfigRequest;
import io.a2a.spec.GetTaskRequest;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.InvalidRequestError;
import io.a2a.spec.JSONParseError;
import io.a2a.spec.JSONRPCError;
import io.a2a.spec.JSONRPCErrorResponse;
import io.a2a.spec.ListTaskPushNotificationConfigRequest;
import io.a2a.spec.Message;
import io.a2a.spec.MethodNotFoundError;
import io.a2a.spec.NonStreamingJSONRPCRequest;
import io.a2a.spec.PushNotificationNotSupportedError;
import io.a2a.spec.SendMessageRequest;
import io.a2a.spec.SendStreamingMessageRequest;
import io.a2a.spec.SetTaskPushNotificationConfigRequest;
import io.a2a.spec.Task;
import io.a2a.spec.TaskNotFoundError;
import io.a2a.spec.TaskState;
import io.a2a.transport.jsonrpc.handler.JSONRPCHandler;
import io.a2a.util.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * One A2A endpoint's HTTP handling, apart from the server that carries it ({@link A2aServer} on
 * the JDK's HTTP server, {@link A2aServlet} in a servlet container): the SDK's request handler
 * and task store around a {@link PraxisAgentExecutor}, and the checks Praxis makes before the
 * SDK sees a request (size, JSON, context ids, delegation chain, task state and owner, webhooks,
 * authentication). Thread-safe.
 */
final class A2aHttp {

    /** Largest request body accepted. */
    static final int MAX_BODY = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(A2aHttp.class);
    private static final Set<String> SERVED = Set.of(SendMessageRequest.METHOD, GetTaskRequest.METHOD,
            CancelTaskRequest.METHOD, SetTaskPushNotificationConfigRequest.METHOD,
            GetTaskPushNotificationConfigRequest.METHOD, ListTaskPushNotificationConfigRequest.METHOD,
            DeleteTaskPushNotificationConfigRequest.METHOD);

    /** One HTTP request and its response, as the carrying server has them. */
    interface Exchange {
        String method();

        /** A request header's first value, or null. */
        String header(String name);

        /** Up to {@code max} bytes of the request body. */
        byte[] body(int max) throws IOException;

        /** The caller the carrying server authenticated (a servlet container's principal), if any. */
        Optional<String> principal();

        /** Sends a JSON response. */
        void respond(int status, Map<String, String> headers, String json) throws IOException;

        /** Starts a 200 Server-Sent Events response and returns its body; closed by the caller. */
        OutputStream stream() throws IOException;
    }

    private final JSONRPCHandler handler;
    private final AgentCard card;
    private final InMemoryTaskStore tasks = new InMemoryTaskStore();
    private final PraxisAgentExecutor executor;
    private final A2aAuth auth;
    private final Predicate<URI> webhooks;

    /**
     * @param auth     how callers authenticate; null leaves it to the carrying server (or nobody)
     * @param webhooks the webhooks push notifications may call; null turns them off
     * @param runs     where runs and the SDK's event consumers execute
     */
    A2aHttp(Agent agent, AgentCard template, A2aAuth auth, Predicate<URI> webhooks, Executor runs) {
        this.auth = auth;
        this.webhooks = webhooks;
        AgentCard declared = new AgentCard.Builder(template)
                .capabilities(new AgentCapabilities.Builder().streaming(template.capabilities().streaming())
                        .pushNotifications(webhooks != null)
                        .stateTransitionHistory(template.capabilities().stateTransitionHistory())
                        .extensions(template.capabilities().extensions()).build()).build();
        this.card = auth == null ? declared : auth.declaredIn(declared);
        InMemoryPushNotificationConfigStore push = new InMemoryPushNotificationConfigStore();
        this.executor = new PraxisAgentExecutor(agent, push);
        DefaultRequestHandler requests = DefaultRequestHandler.create(executor, tasks,
                new InMemoryQueueManager(tasks), push, new BasePushNotificationSender(push), runs);
        this.handler = new JSONRPCHandler(card, requests, runs);
    }

    /** The card as declared: capabilities and security schemes filled in; its url as given. */
    AgentCard card() {
        return card;
    }

    /** Serves the card with {@code url} as its endpoint. */
    void serveCard(Exchange exchange, String url) throws IOException {
        exchange.respond(200, Map.of(), Utils.toJsonString(at(card, url)));
    }

    /** {@code card} answering at {@code url}: its url and the interface entry of its preferred transport. */
    static AgentCard at(AgentCard card, String url) {
        List<AgentInterface> interfaces = card.additionalInterfaces() == null ? List.of()
                : card.additionalInterfaces().stream().map(i -> i.transport().equals(card.preferredTransport())
                        ? new AgentInterface(i.transport(), url) : i).toList();
        return new AgentCard.Builder(card).url(url).additionalInterfaces(interfaces.isEmpty()
                ? List.of(new AgentInterface(card.preferredTransport(), url)) : interfaces).build();
    }

    /** Answers one JSON-RPC request (or an SSE stream for {@code message/stream}). */
    void serveRpc(Exchange exchange) throws IOException {
        Optional<String> caller = auth == null ? Optional.of(exchange.principal().orElse("remote"))
                : auth.authenticate(exchange::header);
        if (caller.isEmpty()) {
            exchange.respond(401, Map.of("WWW-Authenticate", auth.challenge()), error(null, new InvalidRequestError(
                    "authentication required: see the agent card's security schemes")));
            return;
        }
        byte[] body = exchange.body(MAX_BODY + 1);
        if (!"POST".equals(exchange.method()) || body.length > MAX_BODY) {
            exchange.respond(200, Map.of(), error(null, new InvalidRequestError(
                    "send one JSON-RPC request by POST, at most " + MAX_BODY + " bytes")));
            return;
        }
        JsonNode tree;
        try {
            tree = Utils.OBJECT_MAPPER.readTree(body);
        } catch (IOException e) {
            exchange.respond(200, Map.of(), error(null, new JSONParseError("not valid JSON")));
            return;
        }
        if (tree == null || !tree.isObject()) {
            exchange.respond(200, Map.of(), error(null, new InvalidRequestError(
                    "expected one JSON-RPC request object (batches are not supported)")));
            return;
        }
        Object id = tree.has("id") ? Utils.OBJECT_MAPPER.convertValue(tree.get("id"), Object.class) : null;
        Map<String, Object> state = new HashMap<>();
        Optional<JSONRPCError> invalid = invalidMessage(tree, state).or(() -> notContinuable(tree))
                .or(() -> notVisible(tree, caller.get())).or(() -> refusedWebhook(tree));
        if (invalid.isPresent()) {
            exchange.respond(200, Map.of(), error(id, invalid.get()));
            return;
        }
        ServerCallContext context = new ServerCallContext(auth == null && exchange.principal().isEmpty()
                ? UnauthenticatedUser.INSTANCE : new Caller(caller.get()), state, Set.of());
        if (SendStreamingMessageRequest.METHOD.equals(tree.path("method").asText())) {
            SendStreamingMessageRequest request;
            try {
                request = Utils.OBJECT_MAPPER.treeToValue(tree, SendStreamingMessageRequest.class);
            } catch (IOException | IllegalArgumentException e) {
                exchange.respond(200, Map.of(), error(id, new InvalidParamsError("not an A2A message/stream request: " + firstLine(e))));
                return;
            }
            SseWriter.write(exchange.stream(), handler.onMessageSendStream(request, context));
            return;
        }
        exchange.respond(200, Map.of(), Utils.toJsonString(answer(tree, id, context)));
    }

    /**
     * A message whose context id, delegation chain or files Praxis would not accept; the files of
     * an accepted one are left decoded in {@code state}.
     */
    private static Optional<JSONRPCError> invalidMessage(JsonNode tree, Map<String, Object> state) {
        JsonNode message = tree.path("params").path("message");
        if (!message.isObject()) {
            return Optional.empty(); // the SDK names what is missing
        }
        JsonNode contextId = message.path("contextId");
        if (!contextId.isMissingNode() && !contextId.isNull()
                && !PraxisAgentExecutor.CONTEXT_ID.matcher(contextId.asText()).matches()) {
            return Optional.of(new InvalidParamsError("contextId must match " + PraxisAgentExecutor.CONTEXT_ID.pattern()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = message.path("metadata").isObject()
                ? Utils.OBJECT_MAPPER.convertValue(message.get("metadata"), Map.class) : Map.of();
        if (DelegationMetadata.read(metadata).isEmpty()) {
            return Optional.of(new InvalidParamsError("metadata." + DelegationMetadata.DELEGATION
                    + " must hold a 'chain' of agent names and optionally a positive 'maxDepth'"));
        }
        return refusedFiles(message, state);
    }

    /**
     * File parts this agent does not take (by URI, bad base64, too many bytes), refused here as
     * the request's answer: a refusal from inside the agent's execution reaches a blocking
     * client only if it is already waiting for the task's events, so it could hang instead. The
     * attachments of accepted parts go into {@code state}, so the agent's execution does not
     * decode them again.
     */
    private static Optional<JSONRPCError> refusedFiles(JsonNode message, Map<String, Object> state) {
        if (!message.path("parts").isArray()) {
            return Optional.empty(); // the SDK names what is missing
        }
        Message parsed;
        try {
            parsed = Utils.OBJECT_MAPPER.treeToValue(message, Message.class);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // the SDK refuses it with its own message
        }
        try {
            FileParts.decodeInto(state, parsed.getParts());
            return Optional.empty();
        } catch (InvalidParamsError e) {
            return Optional.of(e);
        }
    }

    /**
     * A message on an existing task that cannot take one: only an {@code input-required} task
     * continues (its paused run resumes); refused here, before the SDK would queue it.
     */
    private Optional<JSONRPCError> notContinuable(JsonNode tree) {
        JsonNode taskId = tree.path("params").path("message").path("taskId");
        if (!taskId.isTextual()) {
            return Optional.empty();
        }
        Task task = tasks.get(taskId.asText());
        if (task == null) {
            return Optional.of(new TaskNotFoundError());
        }
        TaskState state = task.getStatus().state();
        return state == TaskState.INPUT_REQUIRED ? Optional.empty() : Optional.of(new InvalidParamsError("task "
                + task.getId() + " is " + state.asString() + " and takes no more messages; send one without a"
                + " taskId to start a new task"));
    }

    /** A webhook this server does not call: push notifications are off, or the URL is not allowed. */
    private Optional<JSONRPCError> refusedWebhook(JsonNode tree) {
        JsonNode params = tree.path("params");
        boolean pushMethod = tree.path("method").asText().startsWith("tasks/pushNotificationConfig/");
        JsonNode config = pushMethod ? params.path("pushNotificationConfig")
                : params.path("configuration").path("pushNotificationConfig");
        if (!pushMethod && !config.isObject()) {
            return Optional.empty();
        }
        if (webhooks == null) {
            return Optional.of(new PushNotificationNotSupportedError());
        }
        if (!config.isObject()) {
            return Optional.empty(); // get, list, delete
        }
        String url = config.path("url").asText("");
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && webhooks.test(uri)) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        return Optional.of(new InvalidParamsError("this server does not call the webhook '" + abbreviate(url) + "'"));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** A task named by the request that another caller started: it does not exist for this one. */
    private Optional<JSONRPCError> notVisible(JsonNode tree, String caller) {
        JsonNode params = tree.path("params");
        JsonNode taskId = params.path("message").path("taskId").isTextual() ? params.path("message").path("taskId")
                : params.path("taskId").isTextual() ? params.path("taskId") : params.path("id");
        return taskId.isTextual() && !executor.visibleTo(taskId.asText(), caller)
                ? Optional.of(new TaskNotFoundError()) : Optional.empty();
    }

    /** An authenticated caller, for the SDK. */
    private record Caller(String name) implements User {
        @Override
        public boolean isAuthenticated() {
            return true;
        }

        @Override
        public String getUsername() {
            return name;
        }
    }

    private Object answer(JsonNode tree, Object id, ServerCallContext context) {
        if (!SERVED.contains(tree.path("method").asText())) {
            return new JSONRPCErrorResponse(id, new MethodNotFoundError());
        }
        NonStreamingJSONRPCRequest<?> request;
        try {
            request = Utils.OBJECT_MAPPER.treeToValue(tree, NonStreamingJSONRPCRequest.class);
        } catch (IOException | IllegalArgumentException e) {
            return new JSONRPCErrorResponse(id, new InvalidRequestError("not an A2A JSON-RPC request: " + firstLine(e)));
        }
        if (request instanceof SendMessageRequest send) {
            return handler.onMessageSend(send, context);
        }
        if (request instanceof GetTaskRequest get) {
            return handler.onGetTask(get, context);
        }
        if (request instanceof CancelTaskRequest cancel) {
            return handler.onCancelTask(cancel, context);
        }
        if (request instanceof SetTaskPushNotificationConfigRequest set) {
            return handler.setPushNotificationConfig(set, context);
        }
        if (request instanceof GetTaskPushNotificationConfigRequest get) {
            return handler.getPushNotificationConfig(get, context);
        }
        if (request instanceof ListTaskPushNotificationConfigRequest list) {
            return handler.listPushNotificationConfig(list, context);
        }
        if (request instanceof DeleteTaskPushNotificationConfigRequest delete) {
            return handler.deletePushNotificationConfig(delete, context);
        }
        log.debug("A2A method {} is not served", request.getMethod());
        return new JSONRPCErrorResponse(id, new MethodNotFoundError());
    }

    private static String error(Object id, JSONRPCError error) {
        return Utils.toJsonString(new JSONRPCErrorResponse(id, error));
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

}
