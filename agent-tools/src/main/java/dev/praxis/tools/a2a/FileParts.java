package dev.praxis.tools.a2a;

import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.pdf.PdfFile;
import dev.langchain4j.data.video.Video;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Step;
import dev.praxis.content.EmbeddedResource;
import dev.praxis.content.Parts;
import dev.praxis.tool.ToolResult;
import io.a2a.server.ServerCallContext;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.spec.FileContent;
import io.a2a.spec.FilePart;
import io.a2a.spec.FileWithBytes;
import io.a2a.spec.FileWithUri;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.Part;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A2A file parts and Praxis content parts, both ways. Incoming files must carry their bytes: a
 * file given only by URI is refused, since fetching it would let a caller make this server (or a
 * local model adapter) request any address, including internal ones. Inline bytes are capped at
 * {@link #MAX_INLINE_BYTES} per message.
 */
final class FileParts {

    /**
     * Decoded bytes of all file parts of one incoming message: at most what fits in the server's
     * 1 MiB request body once base64-encoded, stated here so a larger body limit does not lift it.
     */
    static final long MAX_INLINE_BYTES = 768 * 1024;

    private FileParts() {
    }

    /** Where {@link #decodeInto} leaves a message's attachments in its call's state. */
    private static final String DECODED = "praxis.a2a.attachments";

    /**
     * Decodes the file parts of an incoming message once, when the request is checked, and
     * leaves the attachments in the call's {@code state} for {@link #attachments(RequestContext)}.
     *
     * @throws InvalidParamsError as {@link #attachments(List)}
     */
    static void decodeInto(Map<String, Object> state, List<Part<?>> parts) throws InvalidParamsError {
        state.put(DECODED, attachments(parts));
    }

    /**
     * The attachments of the message the agent runs for: those {@link #decodeInto} left in its
     * call's state, or, for a message that was not checked that way, decoded now.
     *
     * @throws InvalidParamsError as {@link #attachments(List)}
     */
    @SuppressWarnings("unchecked")
    static List<Content> attachments(RequestContext context) throws InvalidParamsError {
        ServerCallContext call = context.getCallContext();
        if (call != null && call.getState().get(DECODED) instanceof List<?> decoded) {
            return (List<Content>) decoded;
        }
        return attachments(context.getMessage().getParts());
    }

    /**
     * The attachments of an incoming message's file parts, by media type: images, audio, video
     * and PDFs as those parts, anything else as an {@link EmbeddedResource} named by the file name.
     *
     * @throws InvalidParamsError for a file given by URI, bad base64, or too many bytes
     */
    static List<Content> attachments(List<Part<?>> parts) throws InvalidParamsError {
        List<Content> attachments = new ArrayList<>();
        long total = 0;
        for (Part<?> part : parts) {
            if (!(part instanceof FilePart file)) {
                continue;
            }
            FileContent content = file.getFile();
            if (!(content instanceof FileWithBytes inline)) {
                throw new InvalidParamsError("file part '" + name(content, attachments.size()) + "' is given by URI;"
                        + " this agent accepts files only with their bytes (it fetches no URLs for a caller)");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(inline.bytes() == null ? "" : inline.bytes());
            } catch (IllegalArgumentException e) {
                throw new InvalidParamsError("file part '" + name(content, attachments.size())
                        + "' has invalid base64: " + e.getMessage());
            }
            total += bytes.length;
            if (total > MAX_INLINE_BYTES) {
                throw new InvalidParamsError("the message's files carry more than " + MAX_INLINE_BYTES + " bytes");
            }
            attachments.add(content(inline, bytes, name(content, attachments.size())));
        }
        return attachments;
    }

    private static Content content(FileWithBytes file, byte[] bytes, String name) {
        String mime = file.mimeType() == null || file.mimeType().isBlank() ? "application/octet-stream"
                : file.mimeType();
        String base64 = Base64.getEncoder().encodeToString(bytes);
        if (mime.startsWith("image/")) {
            return ImageContent.from(base64, mime);
        }
        if (mime.startsWith("audio/")) {
            return AudioContent.from(base64, mime);
        }
        if (mime.startsWith("video/")) {
            return VideoContent.from(Video.builder().base64Data(base64).mimeType(mime).build());
        }
        if (mime.equals("application/pdf")) {
            return PdfFileContent.from(PdfFile.builder().base64Data(base64).mimeType(mime).build());
        }
        return mime.startsWith("text/") ? EmbeddedResource.text(name, mime, new String(bytes, StandardCharsets.UTF_8))
                : EmbeddedResource.binary(name, mime, bytes);
    }

    private static String name(FileContent file, int index) {
        return file.name() == null || file.name().isBlank() ? "file-" + (index + 1) : file.name();
    }

    /** File parts for {@code parts}: inline data as bytes, parts given by URL as URIs; text parts are skipped. */
    static List<Part<?>> of(List<Content> parts) {
        List<Part<?>> files = new ArrayList<>();
        for (Content part : parts) {
            String name = "attachment-" + (files.size() + 1);
            if (part instanceof ImageContent c) {
                files.add(file(c.image().mimeType(), name, c.image().base64Data(), c.image().url()));
            } else if (part instanceof AudioContent c) {
                files.add(file(c.audio().mimeType(), name, c.audio().base64Data(), c.audio().url()));
            } else if (part instanceof PdfFileContent c) {
                files.add(file(c.pdfFile().mimeType(), name, c.pdfFile().base64Data(), c.pdfFile().url()));
            } else if (part instanceof VideoContent c) {
                files.add(file(c.video().mimeType(), name, c.video().base64Data(), c.video().url()));
            } else if (part instanceof EmbeddedResource r) {
                files.add(new FilePart(new FileWithBytes(r.mimeType(), r.uri(), r.isText()
                        ? Base64.getEncoder().encodeToString(r.text().getBytes(StandardCharsets.UTF_8)) : r.base64())));
            } else if (!(part instanceof TextContent)) {
                throw new IllegalArgumentException("a " + part.getClass().getSimpleName()
                        + " part cannot be sent as an A2A file");
            }
        }
        return files;
    }

    private static FilePart file(String mime, String name, String base64, URI url) {
        return new FilePart(base64 != null ? new FileWithBytes(mime, name, base64)
                : new FileWithUri(mime, name, url.toString()));
    }

    /** A line per file part, e.g. {@code [file chart.png (image/png, 4213 bytes)]}; empty without files. */
    static String describe(List<Part<?>> parts) {
        List<String> lines = new ArrayList<>();
        for (Part<?> part : parts) {
            if (part instanceof FilePart file) {
                FileContent f = file.getFile();
                String what = f instanceof FileWithBytes b ? Parts.size(b.bytes()) + " bytes"
                        : "at " + ((FileWithUri) f).uri();
                lines.add("[file " + name(f, lines.size()) + " (" + (f.mimeType() == null ? "unknown type"
                        : f.mimeType()) + ", " + what + ")]");
            }
        }
        return String.join("\n", lines);
    }

    /** What the tools of a run returned besides text (images, audio, documents), in order. */
    static List<Content> toolAttachments(AgentResult result) {
        List<Content> parts = new ArrayList<>();
        for (Step step : result.steps()) {
            for (ToolResult r : step.results()) {
                if (r instanceof ToolResult.Ok ok) {
                    parts.addAll(ok.attachments());
                }
            }
        }
        return parts;
    }
}
