package dev.praxis.content;

import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.pdf.PdfFile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What Praxis does with content parts (text, images, audio, PDFs, embedded resources) on their
 * way to a model and into storage. Stateless; every method is thread-safe and rejects null.
 *
 * <p><b>Storage policy.</b> A run's checkpoints keep every part with its bytes, so a resumed run
 * sends the model exactly what it saw. Conversation memory, which is replayed into every later
 * run of the session, keeps no inline bytes: {@link #forMemory} replaces each inline image, audio
 * clip, PDF or binary resource with a text reference naming its media type, size and SHA-256
 * digest. Parts given by URL are references already and are kept as they are. An application
 * that wants the model to see an earlier image again attaches it again.
 */
public final class Parts {

    private Parts() {
    }

    /**
     * {@code part} as a type every LangChain4j provider mapper knows: an {@link EmbeddedResource}
     * becomes an image, audio clip or PDF when its media type says so, else text
     * ({@link EmbeddedResource#asText()}); every other part is returned unchanged.
     */
    public static Content forModel(Content part) {
        Objects.requireNonNull(part, "part");
        if (!(part instanceof EmbeddedResource resource)) {
            return part;
        }
        if (resource.isText()) {
            return TextContent.from(resource.asText());
        }
        String mime = resource.mimeType();
        if (mime.startsWith("image/")) {
            return ImageContent.from(Image.builder().base64Data(resource.base64()).mimeType(mime).build());
        }
        if (mime.startsWith("audio/")) {
            return AudioContent.from(Audio.builder().base64Data(resource.base64()).mimeType(mime).build());
        }
        if (mime.equals("application/pdf")) {
            return PdfFileContent.from(PdfFile.builder().base64Data(resource.base64()).mimeType(mime).build());
        }
        return TextContent.from(resource.asText());
    }

    /**
     * One line describing a part for a reader who cannot see it, e.g.
     * {@code [image image/png, 48213 bytes, sha256 3f2a…]}; a text part is its text.
     */
    public static String describe(Content part) {
        Objects.requireNonNull(part, "part");
        if (part instanceof TextContent text) {
            return text.text();
        }
        if (part instanceof EmbeddedResource resource) {
            return resource.isText() ? resource.asText() : "[resource " + resource.uri() + " "
                    + inline(resource.mimeType(), resource.base64()) + "]";
        }
        if (part instanceof ImageContent image) {
            return "[image " + where(image.image().url(), image.image().mimeType(), image.image().base64Data()) + "]";
        }
        if (part instanceof AudioContent audio) {
            return "[audio " + where(audio.audio().url(), audio.audio().mimeType(), audio.audio().base64Data()) + "]";
        }
        if (part instanceof PdfFileContent pdf) {
            return "[document " + where(pdf.pdfFile().url(), pdf.pdfFile().mimeType(), pdf.pdfFile().base64Data()) + "]";
        }
        if (part instanceof VideoContent video) {
            return "[video " + where(video.video().url(), video.video().mimeType(), video.video().base64Data()) + "]";
        }
        return "[" + part.type().name().toLowerCase() + " content]";
    }

    /**
     * The parts as one text for a reader that takes only text (token counting, summaries, logs,
     * fine-tuning export): text parts as they are, every other part as {@link #describe}, one
     * per line. Unlike LangChain4j's {@code text()} and {@code singleText()}, never throws for
     * a message with several parts.
     */
    public static String text(List<Content> parts) {
        return String.join("\n", parts.stream().map(Parts::describe).toList());
    }

    /**
     * {@code message} as conversation memory keeps it (see the storage policy above): inline
     * binary parts of a user message or tool result become text references; a message without
     * such parts is returned unchanged.
     */
    public static ChatMessage forMemory(ChatMessage message) {
        Objects.requireNonNull(message, "message");
        if (message instanceof UserMessage user && user.contents().stream().anyMatch(Parts::inlineBinary)) {
            return user.toBuilder().contents(referenced(user.contents())).build();
        }
        if (message instanceof ToolExecutionResultMessage result
                && result.contents().stream().anyMatch(Parts::inlineBinary)) {
            return result.toBuilder().contents(referenced(result.contents())).build();
        }
        return message;
    }

    private static List<Content> referenced(List<Content> parts) {
        List<Content> kept = new ArrayList<>(parts.size());
        for (Content part : parts) {
            kept.add(inlineBinary(part) ? TextContent.from(describe(part) + " (not kept in memory)") : part);
        }
        return kept;
    }

    /** Whether the part carries bytes inline (rather than text or a URL). */
    static boolean inlineBinary(Content part) {
        if (part instanceof EmbeddedResource resource) {
            return !resource.isText();
        }
        if (part instanceof ImageContent image) {
            return image.image().base64Data() != null;
        }
        if (part instanceof AudioContent audio) {
            return audio.audio().base64Data() != null;
        }
        if (part instanceof PdfFileContent pdf) {
            return pdf.pdfFile().base64Data() != null;
        }
        if (part instanceof VideoContent video) {
            return video.video().base64Data() != null;
        }
        return false;
    }

    /** The decoded size in bytes of inline base64 data (0 for none). */
    public static long size(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return 0;
        }
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return (long) base64.length() * 3 / 4 - padding;
    }

    private static String where(URI url, String mime, String base64) {
        String type = mime == null ? "of unknown type" : mime;
        return url != null && base64 == null ? type + " at " + url : inline(type, base64);
    }

    private static String inline(String mime, String base64) {
        return mime + ", " + size(base64) + " bytes, sha256 " + sha256(base64);
    }

    private static String sha256(String base64) {
        if (base64 == null) {
            return "-";
        }
        try {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException notBase64) {
                bytes = base64.getBytes(StandardCharsets.UTF_8);
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
