package dev.praxis.guard;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reversible tokenisation of personal data: {@link PiiRedactor#tokenising} swaps each value
 * for a token like {@code [[EMAIL:3f9a1c2b7d]]}; {@link #reveal} swaps tokens back. The same
 * value always gets the same token within one vault (a keyed hash, so tokens do not leak the
 * value), which lets the model refer to "the same e-mail" across a conversation.
 *
 * <p>The mapping lives only in this object's memory; create one per application or tenant and
 * keep it as long as conversations that hold its tokens. Thread-safe.
 */
public final class PiiVault {

    private static final Pattern TOKEN = Pattern.compile("\\[\\[([A-Z_]+):([0-9a-f]{10,64})]]");

    private final byte[] key;
    private final Map<String, String> values = new ConcurrentHashMap<>();

    private PiiVault(byte[] key) {
        this.key = key.clone();
    }

    /** A vault with a fresh random key. */
    public static PiiVault create() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new PiiVault(key);
    }

    /** The token for {@code match}, remembering its value. */
    String tokenFor(PiiMatch match) {
        String digest = hmac(match.kind() + ":" + match.value());
        for (int length = 10; length <= digest.length(); length += 2) {
            String token = "[[" + match.kind() + ":" + digest.substring(0, length) + "]]";
            String existing = values.putIfAbsent(token, match.value());
            if (existing == null || existing.equals(match.value())) {
                return token;
            }
        }
        throw new IllegalStateException("PII token collision over a full SHA-256 digest");
    }

    /** {@code text} with every token of this vault replaced by its value; unknown tokens stay. */
    public String reveal(String text) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = values.get(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * {@code tool} with tokens in its call arguments revealed before it runs, so it acts on the
     * real values while the model only ever sees tokens.
     */
    public Tool revealTo(Tool tool) {
        Objects.requireNonNull(tool, "tool");
        return new Tool() {
            @Override
            public ToolSpecification spec() {
                return tool.spec();
            }

            @Override
            public SideEffect sideEffect() {
                return tool.sideEffect();
            }

            @Override
            public ToolResult execute(ToolCall call, ToolContext context) {
                String arguments = revealInJson(call.arguments());
                return tool.execute(new ToolCall(call.id(), call.name(), arguments), context);
            }
        };
    }

    /** Every tool of {@code toolbox} wrapped by {@link #revealTo(Tool)}. */
    public Toolbox revealTo(Toolbox toolbox) {
        return Toolbox.of(toolbox.tools().stream().map(this::revealTo).toList());
    }

    private String revealInJson(String json) {
        Matcher m = TOKEN.matcher(json);
        StringBuilder out = new StringBuilder(json.length());
        while (m.find()) {
            String value = values.get(m.group());
            String replacement = value == null ? m.group() : value.replace("\\", "\\\\").replace("\"", "\\\"");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "PiiVault[" + values.size() + " values]";
    }
}
