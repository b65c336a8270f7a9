package dev.praxis.tools.mcp;

import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.pdf.PdfFile;
import dev.praxis.content.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.Base64;

/** Maps content parts between LangChain4j/Praxis and MCP, both ways, without losing bytes. */
final class McpContents {

    private McpContents() {
    }

    /** A Praxis/LangChain4j part as MCP content; URLs (not inline bytes) are refused. */
    static McpSchema.Content toMcp(Content part) {
        if (part instanceof TextContent text) {
            return new McpSchema.TextContent(text.text());
        } else if (part instanceof ImageContent image) {
            return new McpSchema.ImageContent(null, inline(image.image().base64Data(), "image"),
                    mime(image.image().mimeType(), "image/png"));
        } else if (part instanceof AudioContent audio) {
            return new McpSchema.AudioContent(null, inline(audio.audio().base64Data(), "audio"),
                    mime(audio.audio().mimeType(), "audio/wav"));
        } else if (part instanceof EmbeddedResource resource) {
            return new McpSchema.EmbeddedResource(null, resourceContents(resource));
        } else if (part instanceof PdfFileContent pdf) {
            return new McpSchema.EmbeddedResource(null, new McpSchema.BlobResourceContents(
                    pdf.pdfFile().url() == null ? "praxis://document.pdf" : pdf.pdfFile().url().toString(),
                    "application/pdf", inline(pdf.pdfFile().base64Data(), "PDF")));
        }
        throw new IllegalArgumentException("MCP cannot carry " + part.type() + " content");
    }

    /** MCP content as a Praxis/LangChain4j part. */
    static Content fromMcp(McpSchema.Content content) {
        if (content instanceof McpSchema.TextContent text) {
            return TextContent.from(text.text());
        } else if (content instanceof McpSchema.ImageContent image) {
            return ImageContent.from(Image.builder().base64Data(image.data()).mimeType(image.mimeType()).build());
        } else if (content instanceof McpSchema.AudioContent audio) {
            return AudioContent.from(Audio.builder().base64Data(audio.data()).mimeType(audio.mimeType()).build());
        } else if (content instanceof McpSchema.EmbeddedResource embedded) {
            return resource(embedded.resource());
        } else if (content instanceof McpSchema.ResourceLink link) {
            return TextContent.from("[resource link " + link.uri() + (link.mimeType() == null ? "" : " ("
                    + link.mimeType() + ")") + "]");
        }
        return TextContent.from("[" + content.type() + " content]");
    }

    static McpSchema.ResourceContents resourceContents(EmbeddedResource resource) {
        return resource.isText()
                ? new McpSchema.TextResourceContents(resource.uri(), resource.mimeType(), resource.text())
                : new McpSchema.BlobResourceContents(resource.uri(), resource.mimeType(), resource.base64());
    }

    static EmbeddedResource resource(McpSchema.ResourceContents contents) {
        String mime = contents.mimeType() == null ? "application/octet-stream" : contents.mimeType();
        if (contents instanceof McpSchema.TextResourceContents text) {
            return EmbeddedResource.text(text.uri(), contents.mimeType() == null ? "text/plain" : mime, text.text());
        }
        McpSchema.BlobResourceContents blob = (McpSchema.BlobResourceContents) contents;
        return EmbeddedResource.binary(blob.uri(), mime, Base64.getDecoder().decode(blob.blob()));
    }

    private static String inline(String base64, String what) {
        if (base64 == null) {
            throw new IllegalArgumentException("MCP carries " + what + " bytes inline; this " + what
                    + " has only a URL");
        }
        return base64;
    }

    private static String mime(String mime, String fallback) {
        return mime == null ? fallback : mime;
    }
}
