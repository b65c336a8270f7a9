package dev.praxis.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.pdf.PdfFile;
import dev.langchain4j.data.video.Video;
import dev.praxis.content.EmbeddedResource;
import dev.praxis.content.Parts;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The attachments of a run request on the wire: each part as {@code kind}, {@code mimeType} and
 * either its {@code url} or its {@code base64} bytes ({@code text} for a text resource). Inline
 * bytes are capped at {@link #MAX_INLINE_BYTES} per request so a record stays under Kafka's
 * default 1 MB record limit; larger files go by URL.
 */
final class Attachments {

    /** Decoded inline bytes one request may carry: base64 and JSON grow them to about 0.95 MB. */
    static final long MAX_INLINE_BYTES = 700 * 1024;

    private Attachments() {
    }

    static ArrayNode write(List<Content> parts) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        long inline = 0;
        for (Content part : parts) {
            ObjectNode node = array.addObject();
            if (part instanceof ImageContent image) {
                media(node.put("kind", "image").put("detail", image.detailLevel().name()), image.image().url(),
                        image.image().base64Data(), image.image().mimeType());
            } else if (part instanceof AudioContent audio) {
                media(node.put("kind", "audio"), audio.audio().url(), audio.audio().base64Data(),
                        audio.audio().mimeType());
            } else if (part instanceof PdfFileContent pdf) {
                media(node.put("kind", "pdf"), pdf.pdfFile().url(), pdf.pdfFile().base64Data(), pdf.pdfFile().mimeType());
            } else if (part instanceof VideoContent video) {
                media(node.put("kind", "video"), video.video().url(), video.video().base64Data(),
                        video.video().mimeType());
            } else if (part instanceof EmbeddedResource resource) {
                node.put("kind", "resource").put("uri", resource.uri()).put("mimeType", resource.mimeType());
                if (resource.isText()) {
                    node.put("text", resource.text());
                } else {
                    node.put("base64", resource.base64());
                }
            } else {
                throw new IllegalArgumentException("a " + part.getClass().getSimpleName()
                        + " attachment cannot be sent to a worker; attach images, audio, video, PDFs or resources");
            }
            inline += Parts.size(node.path("base64").asText(null)) + node.path("text").asText("").length();
        }
        if (inline > MAX_INLINE_BYTES) {
            throw new IllegalArgumentException("the request's attachments carry " + inline + " bytes inline; a run"
                    + " request to a worker carries at most " + MAX_INLINE_BYTES + " (Kafka's record limit): send"
                    + " large files by URL");
        }
        return array;
    }

    private static void media(ObjectNode node, URI url, String base64, String mimeType) {
        if (mimeType != null) {
            node.put("mimeType", mimeType);
        }
        if (base64 != null) {
            node.put("base64", base64);
        } else if (url != null) {
            node.put("url", url.toString());
        }
    }

    /** The parts of a {@code attachments} field; throws {@link MalformedRecordException} naming a bad one. */
    static List<Content> read(JsonNode array) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new MalformedRecordException("field 'attachments' must be an array");
        }
        List<Content> parts = new ArrayList<>();
        for (JsonNode node : array) {
            parts.add(part(node, parts.size()));
        }
        return parts;
    }

    private static Content part(JsonNode node, int index) {
        String kind = node.path("kind").asText("");
        String mime = node.hasNonNull("mimeType") ? node.get("mimeType").asText() : null;
        String base64 = node.hasNonNull("base64") ? node.get("base64").asText() : null;
        URI url = node.hasNonNull("url") ? URI.create(node.get("url").asText()) : null;
        if (base64 != null) {
            try {
                Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new MalformedRecordException("attachment " + index + " has invalid base64: " + e.getMessage());
            }
        } else if (url == null && !kind.equals("resource")) {
            throw new MalformedRecordException("attachment " + index + " has neither 'base64' nor 'url'");
        }
        return switch (kind) {
            case "image" -> ImageContent.from(Image.builder().url(url).base64Data(base64).mimeType(mime).build(),
                    ImageContent.DetailLevel.valueOf(node.path("detail").asText("LOW")));
            case "audio" -> AudioContent.from(Audio.builder().url(url).base64Data(base64).mimeType(mime).build());
            case "pdf" -> PdfFileContent.from(PdfFile.builder().url(url).base64Data(base64).mimeType(mime).build());
            case "video" -> VideoContent.from(Video.builder().url(url).base64Data(base64).mimeType(mime).build());
            case "resource" -> node.hasNonNull("text")
                    ? EmbeddedResource.text(node.path("uri").asText(), mime, node.get("text").asText())
                    : EmbeddedResource.binary(node.path("uri").asText(), mime, Base64.getDecoder().decode(
                            base64 == null ? "" : base64));
            default -> throw new MalformedRecordException("attachment " + index + " has unknown kind '" + kind
                    + "'; expected image, audio, pdf, video or resource");
        };
    }
}
