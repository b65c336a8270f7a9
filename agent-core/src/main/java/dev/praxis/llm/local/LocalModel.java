package dev.praxis.llm.local;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmException;
import dev.praxis.llm.internal.DaemonThreads;
import dev.praxis.llm.provider.ModelSpec;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A GGUF model running inside this JVM through llama.cpp (java-llama.cpp), with no server.
 * The chat template is the Jinja template in the file's {@code tokenizer.chat_template} metadata, run
 * as written (ChatML when the file has none; see {@link LocalOptions#chatTemplate()} to replace it;
 * a template that rejects a system role gets the system prompt folded into the first user turn).
 * Tool calls and structured output use
 * grammar-constrained decoding, so even a small model's answer always parses against the
 * schema (see {@link Prompts}).
 *
 * <pre>{@code
 * try (LocalModel llm = LocalModel.load(LocalOptions.of(Path.of("qwen2.5-0.5b-instruct-q4_k_m.gguf")))) {
 *     agent = LlmAgent.builder().llm(llm).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe: calls are served one at a time. Close it to free the native memory; a
 * program that returns from {@code main} exits even though llama.cpp leaves a native thread
 * behind (see {@link NativeThreads}).
 */
public final class LocalModel implements LlmClient, AutoCloseable {

    private final LocalOptions options;
    private final LlamaModel model;
    private final String label;
    private volatile boolean closed;

    private LocalModel(LocalOptions options, LlamaModel model) {
        this.options = options;
        this.model = model;
        this.label = "gguf:" + options.file().getFileName();
    }

    /**
     * Loads the model file named in {@code options}.
     *
     * @throws LlmException when the file is missing, unreadable or not a GGUF model
     */
    public static LocalModel load(LocalOptions options) {
        Objects.requireNonNull(options, "options");
        GgufFiles.check(options.file());
        NativeLibrary.prepare();
        NativeThreads.modelLoading();
        try {
            ModelParameters parameters = new ModelParameters()
                    .setModel(options.file().toString())
                    .setCtxSize(options.contextSize())
                    .setThreads(options.threads())
                    .setSeed(options.seed())
                    .setParallel(1);   // calls are serialised; one slot keeps batches, and so results, reproducible
            if (options.chatTemplate().isEmpty()) {
                // Jinja runs the file's own template text; without it llama.cpp only guesses a built-in format from
                // markers in the text and silently uses ChatML when it guesses none
                parameters.enableJinja();
            } else {
                parameters.setChatTemplate(options.chatTemplate());
            }
            // loading re-installs llama.cpp's stderr logger over any callback, so its load log is switched off
            // and the callback is installed afterwards: what llama.cpp logs while generating goes to SLF4J
            parameters.disableLog();
            LlamaModel model = new LlamaModel(parameters);
            LlamaModel.setLogger(de.kherud.llama.args.LogFormat.TEXT, (level, message) -> NativeLog.forward(level.name(), message));
            return new LocalModel(options, model);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new LlmException("could not load GGUF model " + options.file() + ": " + e.getMessage(), e, false);
        }
    }

    /** Loads the model for a {@code gguf:/path} spec, as {@code LlmClients} does. */
    public static LocalModel fromSpec(ModelSpec spec) {
        return load(LocalOptions.of(Path.of(spec.model())));
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Prompts.Plan plan = plan(request);
        StringBuilder text = new StringBuilder();
        int generated = 0;
        synchronized (this) {
            for (LlamaOutput out : model.generate(plan.parameters())) {
                text.append(out.text);
                generated += out.text.isEmpty() ? 0 : 1;
            }
        }
        return respond(plan, text.toString(), generated);
    }

    @Override
    public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
        Prompts.Plan plan;
        try {
            plan = plan(request);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        DaemonThreads.CALLS.execute(() -> streamNow(plan, handler));
    }

    private void streamNow(Prompts.Plan plan, StreamingChatResponseHandler handler) {
        try {
            StringBuilder text = new StringBuilder();
            int generated = 0;
            synchronized (this) {
                LlamaIterator tokens = model.generate(plan.parameters()).iterator();
                StreamingHandle handle = new IteratorHandle(tokens);
                while (tokens.hasNext() && !handle.isCancelled()) {
                    LlamaOutput out = tokens.next();
                    text.append(out.text);
                    generated += out.text.isEmpty() ? 0 : 1;
                    if (!plan.toolMode() && !out.text.isEmpty()) {
                        handler.onPartialResponse(new PartialResponse(out.text), new PartialResponseContext(handle));
                    }
                }
                if (handle.isCancelled()) {
                    return;
                }
            }
            handler.onCompleteResponse(respond(plan, text.toString(), generated));
        } catch (RuntimeException e) {
            handler.onError(e instanceof LlmException ? e : new LlmException(label + " failed: " + e.getMessage(), e, false));
        }
    }

    /** The prompt text this model would be given for {@code request} (chat template applied). */
    String promptFor(ChatRequest request) {
        return plan(request).prompt();
    }

    private Prompts.Plan plan(ChatRequest request) {
        if (closed) {
            throw new LlmException(label + " is closed");
        }
        return Prompts.plan(request, options, prompt -> model.applyTemplate(prompt), model::encode);
    }

    private ChatResponse respond(Prompts.Plan plan, String text, int generated) {
        AiMessage message = plan.toolMode() ? Prompts.parseToolChoice(text) : AiMessage.from(text);
        return ChatResponse.builder()
                .aiMessage(message)
                .modelName(label)
                .tokenUsage(new TokenUsage(plan.promptTokens(), generated))
                .finishReason(message.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION
                        : generated >= plan.maxTokens() ? FinishReason.LENGTH : FinishReason.STOP)
                .build();
    }

    /** Frees the model's native memory. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }

    @Override
    public String toString() {
        return label;
    }

    private static final class IteratorHandle implements StreamingHandle {
        private final LlamaIterator tokens;
        private volatile boolean cancelled;

        IteratorHandle(LlamaIterator tokens) {
            this.tokens = tokens;
        }

        @Override
        public void cancel() {
            cancelled = true;
            tokens.cancel();
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
