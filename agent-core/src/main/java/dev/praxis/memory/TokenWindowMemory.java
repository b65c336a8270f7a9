package dev.praxis.memory;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.List;
import java.util.Objects;

/**
 * In-process conversation memory that keeps the newest turns whose tokens add up to at most
 * {@code maxTokens}, counted with a real BPE tokenizer (jtokkit; {@code cl100k_base} unless
 * another encoding is named). Whole turns are evicted, oldest first; the newest turn always
 * stays. Each message costs its text's tokens plus {@value #MESSAGE_OVERHEAD} for the role
 * framing that chat formats add. Thread-safe.
 */
public final class TokenWindowMemory extends WindowMemory {

    /** Tokens added per message for role and separators. */
    public static final int MESSAGE_OVERHEAD = 4;

    /** Loads each encoding once per process; loading cl100k_base takes about a second. */
    private static final EncodingRegistry ENCODINGS = Encodings.newLazyEncodingRegistry();

    private final Encoding encoding;

    private TokenWindowMemory(int maxTokens, EncodingType type) {
        super(atLeastOne(maxTokens, "maxTokens"));
        this.encoding = ENCODINGS.getEncoding(Objects.requireNonNull(type, "type"));
    }

    /** A memory keeping at most {@code maxTokens} tokens per scope, counted in {@code cl100k_base}. */
    public static TokenWindowMemory of(int maxTokens) {
        return new TokenWindowMemory(maxTokens, EncodingType.CL100K_BASE);
    }

    /** A memory counting tokens in another encoding (for example {@code O200K_BASE}). */
    public static TokenWindowMemory of(int maxTokens, EncodingType encoding) {
        return new TokenWindowMemory(maxTokens, encoding);
    }

    @Override
    int weight(List<ChatMessage> turn) {
        return tokens(turn);
    }

    /** The tokens {@code messages} cost in this memory's encoding, overhead included. */
    public int tokens(List<ChatMessage> messages) {
        int sum = 0;
        for (ChatMessage message : messages) {
            // ordinary: text such as "<|endoftext|>" (from a hostile page, say) is text here, not a control token
            sum += MESSAGE_OVERHEAD + encoding.countTokensOrdinary(text(message));
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
            return r.text();
        }
        return message.toString();
    }
}
