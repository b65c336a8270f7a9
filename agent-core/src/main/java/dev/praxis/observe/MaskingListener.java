package dev.praxis.observe;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Step;
import dev.praxis.guard.SecretMasker;
import dev.praxis.knowledge.Passage;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A listener decorator that masks every piece of text in an event before the listener it wraps
 * sees it: the input, streamed and final answers (text and thinking), tool arguments and
 * results, reasons, every message of a prompt, and the steps inside a run's result. Events carry raw text; wrap any
 * listener you write in this one instead of masking inside it.
 *
 * <pre>{@code
 * LlmAgent.builder().llm(llm)
 *         .listener(MaskingListener.of(myDashboard)                      // SecretMasker.defaults()
 *                 .also(PiiRedactor.mask()::redact))                    // and personal data
 *         .build();
 * }</pre>
 *
 * <p>Ids, names, numbers and durations pass unchanged; provider-specific message attributes
 * are dropped, since they may hold raw text. The wrapped listener gets new event values; the
 * originals are untouched. Thread-safe when the wrapped listener and the masks are.
 */
public final class MaskingListener implements AgentListener {

    private final AgentListener delegate;
    private final UnaryOperator<String> mask;

    private MaskingListener(AgentListener delegate, UnaryOperator<String> mask) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.mask = Objects.requireNonNull(mask, "mask");
    }

    /** Wraps {@code delegate}, masking secrets with {@link SecretMasker#defaults()}. */
    public static MaskingListener of(AgentListener delegate) {
        return new MaskingListener(delegate, SecretMasker.defaults()::mask);
    }

    /** Wraps {@code delegate}, masking with {@code mask} (e.g. {@code masker::mask} of a configured masker). */
    public static MaskingListener of(AgentListener delegate, UnaryOperator<String> mask) {
        return new MaskingListener(delegate, mask);
    }

    /** This listener, applying {@code more} after its current mask. */
    public MaskingListener also(UnaryOperator<String> more) {
        Objects.requireNonNull(more, "more");
        return new MaskingListener(delegate, text -> more.apply(mask.apply(text)));
    }

    @Override
    public void on(AgentEvent event) {
        delegate.on(masked(event));
    }

    /**
     * {@code event} with every text masked.
     *
     * @throws IllegalStateException for an event type this class does not know yet, rather than
     *                               pass its text on unmasked ({@code MaskingListenerTest} covers
     *                               every permitted type)
     */
    public AgentEvent masked(AgentEvent event) {
        if (event instanceof AgentEvent.RunStarted e) {
            return new AgentEvent.RunStarted(e.runId(), e.agent(), e.session(), text(e.input()));
        } else if (event instanceof AgentEvent.Resumed e) {
            return new AgentEvent.Resumed(e.runId(), e.agent(), e.step(), calls(e.inFlight()));
        } else if (event instanceof AgentEvent.Perceived e) {
            return new AgentEvent.Perceived(e.runId(), e.step(),
                    e.request().toBuilder().messages(e.request().messages().stream().map(this::chat).toList()).build());
        } else if (event instanceof AgentEvent.PartialText e) {
            return new AgentEvent.PartialText(e.runId(), e.step(), text(e.text()));
        } else if (event instanceof AgentEvent.ModelCalled e) {
            return new AgentEvent.ModelCalled(e.runId(), e.step(), message(e.response()), e.usage(), e.latency());
        } else if (event instanceof AgentEvent.ToolStarted e) {
            return new AgentEvent.ToolStarted(e.runId(), e.step(), call(e.call()));
        } else if (event instanceof AgentEvent.ToolLog e) {
            return new AgentEvent.ToolLog(e.runId(), e.step(), call(e.call()), e.level(), text(e.message()));
        } else if (event instanceof AgentEvent.ToolProgress e) {
            return new AgentEvent.ToolProgress(e.runId(), e.step(), call(e.call()), e.done(), e.total(),
                    text(e.message()));
        } else if (event instanceof AgentEvent.ToolAbandoned e) {
            return new AgentEvent.ToolAbandoned(e.runId(), e.step(), call(e.call()), e.waited(), text(e.reason()));
        } else if (event instanceof AgentEvent.ToolFinished e) {
            return new AgentEvent.ToolFinished(e.runId(), e.step(), call(e.call()), result(e.result()), e.duration());
        } else if (event instanceof AgentEvent.Completed e) {
            return new AgentEvent.Completed(e.runId(), result(e.result()));
        } else if (event instanceof AgentEvent.Stopped e) {
            return new AgentEvent.Stopped(e.runId(), result(e.result()));
        }
        throw new IllegalStateException("MaskingListener cannot mask " + event.getClass().getName());
    }

    private String text(String text) {
        return text == null || text.isEmpty() ? text : mask.apply(text);
    }

    private ChatMessage chat(ChatMessage message) {
        if (message instanceof AiMessage ai) {
            return message(ai);
        } else if (message instanceof SystemMessage system) {
            return SystemMessage.from(text(system.text()));
        } else if (message instanceof ToolExecutionResultMessage tool) {
            return ToolExecutionResultMessage.from(tool.id(), tool.toolName(), text(tool.text()));
        } else if (message instanceof UserMessage user) {
            return UserMessage.from(user.contents().stream()
                    .map(c -> c instanceof TextContent t ? TextContent.from(text(t.text())) : c).toList());
        }
        throw new IllegalStateException("MaskingListener cannot mask a " + message.type() + " message");
    }

    private AiMessage message(AiMessage message) {
        AiMessage.Builder masked = AiMessage.builder().text(text(message.text())).thinking(text(message.thinking()))
                .attributes(Map.of());
        if (message.hasToolExecutionRequests()) {
            masked.toolExecutionRequests(message.toolExecutionRequests().stream().map(this::request).toList());
        }
        return masked.build();
    }

    private ToolExecutionRequest request(ToolExecutionRequest request) {
        return ToolExecutionRequest.builder().id(request.id()).name(request.name())
                .arguments(text(request.arguments())).build();
    }

    private ToolCall call(ToolCall call) {
        return new ToolCall(call.id(), call.name(), text(call.arguments()));
    }

    private List<ToolCall> calls(List<ToolCall> calls) {
        return calls.stream().map(this::call).toList();
    }

    private ToolResult result(ToolResult result) {
        if (result instanceof ToolResult.Ok ok) {
            return ok.withContent(text(ok.content()));
        } else if (result instanceof ToolResult.Failed failed) {
            return new ToolResult.Failed(text(failed.error()), failed.retriable());
        } else if (result instanceof ToolResult.Denied denied) {
            return new ToolResult.Denied(text(denied.reason()));
        } else if (result instanceof ToolResult.AwaitingApproval waiting) {
            return new ToolResult.AwaitingApproval(text(waiting.question()), waiting.idempotencyKey());
        }
        throw new IllegalStateException("MaskingListener cannot mask " + result.getClass().getName());
    }

    private AgentResult result(AgentResult result) {
        List<Step> steps = result.steps().stream().map(s -> new Step(s.index(), message(s.response()),
                calls(s.calls()), s.results().stream().map(this::result).toList(), s.usage(), s.duration())).toList();
        // citations and provenance are kept: a listener may show sources; passage text is masked like any text
        List<Passage> citations = result.citations().stream().map(p -> new Passage(p.sourceId(), p.documentId(),
                text(p.text()), p.score(), p.metadata())).toList();
        return new AgentResult(result.runId(), result.status(), text(result.output()), steps, result.usage(),
                text(result.reason()), citations, result.untrusted());
    }
}
