package dev.praxis.memory;

import com.knuddels.jtokkit.api.EncodingType;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.llm.internal.Bpe;
import dev.praxis.content.Parts;

import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * In-process conversation memory that keeps the newest turns whose tokens add up to at most
 * {@code maxTokens}, counted with a real BPE tokenizer (jtokkit; {@code cl100k_base} unless
 * another encoding is named). Whole turns are evicted, oldest first; the newest turn always
 * stays. Each message costs its text's tokens plus {@value #MESSAGE_OVERHEAD} for the role
 * framing that chat formats add. Needs jtokkit ({@code com.knuddels:jtokkit}, an optional
 * dependency of agent-core) on the class path: without it the factories throw a
 * {@link dev.praxis.PraxisException} naming those coordinates. Thread-safe.
 */
public final class TokenWindowMemory extends WindowMemory {

    /** Tokens added per message for role and separators. */
    public static final int MESSAGE_OVERHEAD = 4;

    private final ToIntFunction<String> encoding;

    private TokenWindowMemory(int maxTokens, String encoding) {
        super(atLeastOne(maxTokens, "maxTokens"));
        this.encoding = Bpe.encoding(encoding, "TokenWindowMemory");
    }

    /** A memory keeping at most {@code maxTokens} tokens per scope, counted in {@code cl100k_base}. */
    public static TokenWindowMemory of(int maxTokens) {
        return new TokenWindowMemory(maxTokens, "cl100k_base");
    }

    /** A memory counting tokens in another encoding (for example {@code O200K_BASE}). */
    public static TokenWindowMemory of(int maxTokens, EncodingType encoding) {
        return new TokenWindowMemory(maxTokens, Objects.requireNonNull(encoding, "encoding").getName());
    }

    @Override
    int weight(List<ChatMessage> turn) {
        return tokens(turn);
    }

    /** The tokens {@code messages} cost in this memory's encoding, overhead included. */
    public int tokens(List<ChatMessage> messages) {
        int sum = 0;
        for (ChatMessage message : messages) {
            sum += MESSAGE_OVERHEAD + encoding.applyAsInt(text(message));
        }
        return sum;
    }

    private static String text(ChatMessage message) {
        if (message instanceof SystemMessage s) {
            return s.text();
        }
        if (message instanceof UserMessage u) {
            StringBuilder b = new StringBuilder();
            for (Content c : u.contents()) {
                if (c instanceof TextContent t) {
                    b.append(t.text());
                }
            }
            return b.toString();
        }
        if (message instanceof AiMessage ai) {
            StringBuilder b = new StringBuilder(Objects.requireNonNullElse(ai.text(), ""));
            for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
                b.append(' ').append(r.name()).append(' ').append(r.arguments());
            }
            return b.toString();
        }
        if (message instanceof ToolExecutionResultMessage r) {
            return Parts.text(r.contents());
        }
        return message.toString();
    }
}
