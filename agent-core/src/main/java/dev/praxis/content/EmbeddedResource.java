package dev.praxis.content;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ContentType;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A document carried inline beside text, images and audio: its address, its media type, and
 * either its text or its bytes. It is LangChain4j {@link Content} so it can sit in the same
 * part lists, but no model provider understands it directly: convert it for a model with
 * {@link #asText()}. Immutable; the bytes are copied in and out.
 *
 * @param uri      where the document lives, e.g. {@code file:///notes.md} or {@code test://doc}
 * @param mimeType its media type, e.g. {@code text/plain} or {@code application/pdf}
 * @param text     its text, or null when it is binary
 * @param bytes    its bytes, or null when it is text
 */
public record EmbeddedResource(String uri, String mimeType, String text, byte[] bytes) implements Content {

    /** Exactly one of text and bytes must be given. */
    public EmbeddedResource {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(mimeType, "mimeType");
        if ((text == null) == (bytes == null)) {
            throw new IllegalArgumentException("a resource has either text or bytes: " + uri);
        }
        bytes = bytes == null ? null : bytes.clone();
    }

    /** A text document. */
    public static EmbeddedResource text(String uri, String mimeType, String text) {
        return new EmbeddedResource(uri, mimeType, Objects.requireNonNull(text, "text"), null);
    }

    /** A binary document. */
    public static EmbeddedResource binary(String uri, String mimeType, byte[] bytes) {
        return new EmbeddedResource(uri, mimeType, null, Objects.requireNonNull(bytes, "bytes"));
    }

    /** Whether the resource is text. */
    public boolean isText() {
        return text != null;
    }

    /** A copy of the bytes, or null for a text resource. */
    @Override
    public byte[] bytes() {
        return bytes == null ? null : bytes.clone();
    }

    /** The bytes in base64, or null for a text resource. */
    public String base64() {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    /** How a model sees it: the text under a header naming the resource, or a line describing the bytes. */
    public String asText() {
        return isText() ? "[resource " + uri + " (" + mimeType + ")]\n" + text
                : "[resource " + uri + " (" + mimeType + ", " + bytes.length + " bytes)]";
    }

    /** {@link ContentType#TEXT}: what a model is given is {@link #asText()}. */
    @Override
    public ContentType type() {
        return ContentType.TEXT;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmbeddedResource that && uri.equals(that.uri) && mimeType.equals(that.mimeType)
                && Objects.equals(text, that.text) && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, mimeType, text, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "EmbeddedResource[" + uri + ", " + mimeType + (isText() ? ", " + text.length() + " chars]"
                : ", " + bytes.length + " bytes]");
    }
}
