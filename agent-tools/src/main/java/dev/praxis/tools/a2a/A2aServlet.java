package dev.praxis.tools.a2a;

import dev.praxis.agent.Agent;
import io.a2a.spec.AgentCard;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Serves a Praxis {@link Agent} over A2A from an application's own servlet container (the
 * Spring Boot starter registers it at {@code praxis.web.a2a.path}): {@code GET} on a path ending
 * in {@code agent-card.json} answers the card, {@code POST} is JSON-RPC as {@link A2aServer}
 * serves it (send, stream, get, cancel, input-required resumes). Authentication is the
 * container's (e.g. Spring Security): the request's principal names the caller, whose A2A
 * contexts are sessions of its own and who sees and cancels only its own tasks. Close it when
 * the application stops. Thread-safe.
 */
public final class A2aServlet extends HttpServlet implements AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final transient ExecutorService runs = A2aServer.threads("praxis-a2a-run");
    private final transient A2aHttp endpoint;
    private final String url;

    /**
     * @param card the card to serve; its url is the URL this servlet answers JSON-RPC at, as
     *             clients reach it, or a path (starting with {@code /}) on this server, completed
     *             from each card request
     */
    public A2aServlet(Agent agent, AgentCard card) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(card, "card");
        this.endpoint = new A2aHttp(agent, A2aHttp.at(card, card.url()), null, null, runs);
        this.url = card.url();
    }

    /** The card as served. */
    public AgentCard card() {
        return endpoint.card();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getRequestURI().endsWith("agent-card.json")) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "A2A JSON-RPC takes POST");
            return;
        }
        // a relative url is this server's own, as the client reached it
        String served = !url.startsWith("/") ? url : request.getScheme() + "://" + request.getServerName() + ":"
                + request.getServerPort() + request.getContextPath() + url;
        endpoint.serveCard(new ServletExchange(request, response), served);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        endpoint.serveRpc(new ServletExchange(request, response));
    }

    /** Ends the run threads. */
    @Override
    public void close() {
        runs.shutdownNow();
    }

    /** A servlet request and response as {@link A2aHttp} needs them. */
    private record ServletExchange(HttpServletRequest request, HttpServletResponse response)
            implements A2aHttp.Exchange {
        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String header(String name) {
            return request.getHeader(name);
        }

        @Override
        public byte[] body(int max) throws IOException {
            return request.getInputStream().readNBytes(max);
        }

        @Override
        public Optional<String> principal() {
            return Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName);
        }

        @Override
        public void respond(int status, Map<String, String> headers, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            headers.forEach(response::setHeader);
            response.setContentType("application/json");
            response.setContentLength(bytes.length);
            try (OutputStream out = response.getOutputStream()) {
                out.write(bytes);
            }
        }

        @Override
        public OutputStream stream() throws IOException {
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setHeader("Cache-Control", "no-cache");
            response.flushBuffer();
            return response.getOutputStream();
        }
    }
}
