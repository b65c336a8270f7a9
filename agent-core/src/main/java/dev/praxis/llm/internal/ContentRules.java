package dev.praxis.llm.internal;

import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.praxis.content.EmbeddedResource;
import dev.praxis.content.Parts;
import dev.praxis.llm.UnsupportedContentException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What content parts one provider's wire format takes, checked before a request is sent, and
 * the rewrite for providers whose tool results carry only text: their images then follow the
 * tool results in one user message, each introduced by the call it came from.
 */
public enum ContentRules {

    /** OpenAI chat completions: images, wav/mp3 audio, PDFs in user messages; text-only tool results. */
    OPENAI("OpenAI", Map.of(
            ContentType.IMAGE, Set.of("image/png", "image/jpeg", "image/gif", "image/webp"),
            ContentType.AUDIO, Set.of("audio/wav", "audio/x-wav", "audio/mpeg", "audio/mp3"),
            ContentType.PDF, Set.of("application/pdf")), 20 * 1024 * 1024L, false, true),
    /** Anthropic messages: images and PDFs, also inside tool results; no audio. */
    ANTHROPIC("Anthropic", Map.of(
            ContentType.IMAGE, Set.of("image/png", "image/jpeg", "image/gif", "image/webp"),
            ContentType.PDF, Set.of("application/pdf")), 5 * 1024 * 1024L, true, true),
    /** Gemini generateContent: images, audio, video and PDFs as inline data, also beside function responses. */
    GEMINI("Gemini", Map.of(
            ContentType.IMAGE, Set.of("image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"),
            ContentType.AUDIO, Set.of("audio/wav", "audio/x-wav", "audio/mp3", "audio/mpeg", "audio/aiff", "audio/aac",
                    "audio/ogg", "audio/flac"),
            ContentType.VIDEO, Set.of("video/mp4", "video/mpeg", "video/webm", "video/quicktime"),
            ContentType.PDF, Set.of("application/pdf")), 20 * 1024 * 1024L, true, true),
    /** Ollama chat: base64 images in user messages only; text-only tool results. */
    OLLAMA("Ollama", Map.of(
            ContentType.IMAGE, Set.of("image/png", "image/jpeg")), 20 * 1024 * 1024L, false, false);

    private static final long MB_VALUE = 1024 * 1024L;

    private final String provider;
    private final Map<ContentType, Set<String>> accepted;
    private final long maxBytes;
    private final boolean mediaInToolResults;
    private final boolean urls;

    ContentRules(String provider, Map<ContentType, Set<String>> accepted, long maxBytes, boolean mediaInToolResults,
                 boolean urls) {
        this.provider = provider;
        this.accepted = accepted;
        this.maxBytes = maxBytes;
        this.mediaInToolResults = mediaInToolResults;
        this.urls = urls;
    }

    /**
     * {@code request} checked part by part and, where this provider's tool results take only
     * text, with their media moved into a user message after them.
     *
     * @throws UnsupportedContentException naming the first part this provider cannot take
     */
    public ChatRequest adapt(ChatRequest request) {
        if (request.messages().stream().anyMatch(m -> parts(m).stream().anyMatch(EmbeddedResource.class::isInstance))) {
            request = request.toBuilder().messages(request.messages().stream().map(ContentRules::nativeParts).toList()).build();
        }
        boolean media = false;
        for (ChatMessage message : request.messages()) {
            for (Content part : parts(message)) {
                if (!(part instanceof TextContent)) {
                    check(part);
                    media = true;
                }
            }
        }
        return media && !mediaInToolResults ? request.toBuilder().messages(moveToolMedia(request.messages())).build()
                : request;
    }

    private void check(Content part) {
        Set<String> types = accepted.get(part.type());
        if (types == null) {
            throw refuse(part, provider + " does not read " + part.type().name().toLowerCase() + " content");
        }
        String mime = mime(part);
        if (mime != null && !types.contains(mime.toLowerCase())) {
            throw refuse(part, provider + " reads " + part.type().name().toLowerCase() + " only as " + String.join(", ",
                    types.stream().sorted().toList()));
        }
        String base64 = base64(part);
        if (base64 == null && !urls) {
            throw refuse(part, provider + " needs the bytes inline, not a URL (" + url(part) + ")");
        }
        if (Parts.size(base64) > maxBytes) {
            throw refuse(part, provider + " takes at most " + maxBytes / MB_VALUE + " MB per part");
        }
    }

    private UnsupportedContentException refuse(Content part, String why) {
        return new UnsupportedContentException(why + ": " + Parts.describe(part)
                + "; convert or shrink it, or send it to a model that reads it");
    }

    private static List<ChatMessage> moveToolMedia(List<ChatMessage> messages) {
        List<ChatMessage> out = new ArrayList<>(messages.size() + 1);
        List<Content> moved = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message instanceof ToolExecutionResultMessage result && !result.hasSingleText()
                    && result.contents().stream().anyMatch(p -> !(p instanceof TextContent))) {
                List<String> text = new ArrayList<>();
                moved.add(TextContent.from("Attached by the tool " + result.toolName() + " (call " + result.id() + "):"));
                for (Content part : result.contents()) {
                    if (part instanceof TextContent t) {
                        text.add(t.text());
                    } else {
                        text.add(Parts.describe(part) + " (attached in the next user message)");
                        moved.add(part);
                    }
                }
                out.add(ToolExecutionResultMessage.from(result.id(), result.toolName(), String.join("\n", text)));
                continue;
            }
            if (!moved.isEmpty() && !(message instanceof ToolExecutionResultMessage)) {
                out.add(UserMessage.from(moved));
                moved = new ArrayList<>();
            }
            out.add(message);
        }
        if (!moved.isEmpty()) {
            out.add(UserMessage.from(moved));
        }
        return out;
    }

    /** The message with its embedded resources as parts the provider mappers know. */
    private static ChatMessage nativeParts(ChatMessage message) {
        if (message instanceof UserMessage user) {
            return user.toBuilder().contents(user.contents().stream().map(Parts::forModel).toList()).build();
        }
        if (message instanceof ToolExecutionResultMessage result && !result.hasSingleText()) {
            return result.toBuilder().contents(result.contents().stream().map(Parts::forModel).toList()).build();
        }
        return message;
    }

    private static List<Content> parts(ChatMessage message) {
        if (message instanceof UserMessage user) {
            return user.contents();
        }
        if (message instanceof ToolExecutionResultMessage result) {
            return result.contents();
        }
        return List.of();
    }

    private static String mime(Content part) {
        if (part instanceof ImageContent image) {
            return image.image().mimeType();
        } else if (part instanceof AudioContent audio) {
            return audio.audio().mimeType();
        } else if (part instanceof PdfFileContent pdf) {
            return pdf.pdfFile().mimeType();
        } else if (part instanceof VideoContent video) {
            return video.video().mimeType();
        }
        return null;
    }

    private static String base64(Content part) {
        if (part instanceof ImageContent image) {
            return image.image().base64Data();
        } else if (part instanceof AudioContent audio) {
            return audio.audio().base64Data();
        } else if (part instanceof PdfFileContent pdf) {
            return pdf.pdfFile().base64Data();
        } else if (part instanceof VideoContent video) {
            return video.video().base64Data();
        }
        return null;
    }

    private static URI url(Content part) {
        if (part instanceof ImageContent image) {
            return image.image().url();
        } else if (part instanceof AudioContent audio) {
            return audio.audio().url();
        } else if (part instanceof PdfFileContent pdf) {
            return pdf.pdfFile().url();
        } else if (part instanceof VideoContent video) {
            return video.video().url();
        }
        return null;
    }
}
