package dev.praxis.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.LlmDecorator;
import dev.praxis.llm.LlmException;
import dev.praxis.llm.provider.ModelSpec;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns a failed model call into a sentence a person can act on: which model at which URL,
 * what went wrong (refused, timed out, HTTP status, not the provider's format) and which
 * setting to check. With {@code failFast}, once the provider has failed in a way a retry
 * cannot mend (unreachable, no answer in time, key refused, model not found), later calls
 * fail at once with the same diagnosis instead of waiting for the same failure again.
 */
final class ProviderDiagnosis implements LlmDecorator {

    private static final int MAX_DETAIL = 160;

    private final ModelSpec spec;
    private final String url;
    private final boolean failFast;
    private final AtomicReference<LlmException> fatal = new AtomicReference<>();

    private ProviderDiagnosis(ModelSpec spec, boolean failFast) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.url = spec.baseUrl().orElseGet(() -> publicEndpoint(spec.provider()));
        this.failFast = failFast;
    }

    /** The diagnosis for the model {@code env} configures, or none when it configures none (offline). */
    static LlmDecorator forEnv(Map<String, String> env, boolean failFast) {
        String model = env.get(LlmClients.MODEL);
        if (model == null || model.isBlank()) {
            return llm -> llm;
        }
        return new ProviderDiagnosis(LlmClients.spec(env), failFast);
    }

    @Override
    public LlmClient decorate(LlmClient delegate) {
        return new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                refuseAfterFatal();
                try {
                    return delegate.chat(request);
                } catch (RuntimeException e) {
                    throw diagnose(e);
                }
            }

            @Override
            public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
                refuseAfterFatal();
                delegate.stream(request, new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partial) {
                        handler.onPartialResponse(partial);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        handler.onCompleteResponse(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        handler.onError(diagnose(error));
                    }
                });
            }
        };
    }

    private void refuseAfterFatal() {
        LlmException earlier = fatal.get();
        if (earlier != null) {
            throw new LlmException("not tried: " + earlier.getMessage(), earlier, false);
        }
    }

    /** {@code error} as an {@link LlmException} whose message names the model, URL, cause and setting. */
    LlmException diagnose(Throwable error) {
        if (error instanceof Diagnosed d) {
            return d;
        }
        Finding finding = find(error);
        boolean retriable = error instanceof LlmException llm ? llm.isRetriable() : finding.retriable;
        LlmException diagnosed = new Diagnosed(spec.label() + " at " + url + " failed: " + finding.cause
                + " (check " + finding.setting + ")", error, retriable);
        if (failFast && finding.fatal) {
            fatal.compareAndSet(null, diagnosed);
        }
        return diagnosed;
    }

    private Finding find(Throwable error) {
        String timeout = "no answer within " + spec.timeout().toSeconds() + " s";
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http) {
                return http(http.statusCode(), http.getMessage());
            }
            if (t instanceof ConnectException) {
                return new Finding("connection refused - is a server listening there?",
                        LlmClients.BASE_URL + " and that the server runs", true, true);
            }
            if (t instanceof UnknownHostException) {
                return new Finding("unknown host " + detail(t.getMessage()), LlmClients.BASE_URL, true, false);
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException || t instanceof InterruptedIOException) {
                return new Finding(timeout, LlmClients.TIMEOUT + " and the server's load", true, true);
            }
            if (t instanceof JsonProcessingException) {
                return new Finding("the answer is not " + spec.provider() + " JSON (" + detail(firstLine(t.getMessage()))
                        + ")", LlmClients.BASE_URL + " points at a " + spec.provider() + "-compatible API", true, false);
            }
        }
        String message = error.getMessage();
        if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
            return new Finding(timeout + " (" + detail(message) + ")", LlmClients.TIMEOUT, true, true);
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getSimpleName() + " without a message" : detail(root.getMessage());
        return new Finding(what, LlmClients.MODEL + " and " + LlmClients.BASE_URL, false, false);
    }

    private static Finding http(int status, String body) {
        String said = body == null || body.isBlank() ? "" : ": " + detail(body);
        return switch (status) {
            case 401, 403 -> new Finding("the server refused the API key (HTTP " + status + said + ")",
                    LlmClients.API_KEY, true, false);
            case 404 -> new Finding("not found (HTTP 404" + said + ")",
                    "the model name in " + LlmClients.MODEL + " and the path in " + LlmClients.BASE_URL, true, false);
            case 429 -> new Finding("rate limited (HTTP 429" + said + ")",
                    "the quota of the key in " + LlmClients.API_KEY + ", or try again later", false, true);
            default -> status >= 500
                    ? new Finding("the server failed (HTTP " + status + said + ")",
                            "the server at " + LlmClients.BASE_URL + ", or try again later", false, true)
                    : new Finding("HTTP " + status + said, LlmClients.MODEL + " and " + LlmClients.BASE_URL, false, false);
        };
    }

    private static String publicEndpoint(String provider) {
        return switch (provider) {
            case "openai" -> "https://api.openai.com/v1";
            case "anthropic" -> "https://api.anthropic.com/v1";
            case "gemini" -> "https://generativelanguage.googleapis.com/v1beta";
            case "ollama" -> "http://localhost:11434";
            default -> "(in process)";
        };
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static String detail(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL) + "...";
    }

    /**
     * What went wrong and what to check; {@code fatal} when later calls would fail the same
     * way, {@code retriable} when trying again later may help.
     */
    private record Finding(String cause, String setting, boolean fatal, boolean retriable) {
    }

    /** A failure already diagnosed, so stacked decorators don't diagnose it twice. */
    private static final class Diagnosed extends LlmException {
        private static final long serialVersionUID = 1L;

        Diagnosed(String message, Throwable cause, boolean retriable) {
            super(message, cause, retriable);
        }
    }
}
