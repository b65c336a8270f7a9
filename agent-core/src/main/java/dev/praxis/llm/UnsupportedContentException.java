package dev.praxis.llm;

/**
 * A request carries a content part the model's provider cannot take: a type it does not read
 * (audio for Anthropic, PDFs for Ollama), a media type outside its list, a part over its size
 * limit, or a part given by URL where the provider needs the bytes. Thrown before anything is
 * sent; never retriable, since the same request fails the same way. The message names the
 * provider, the part and what to do instead.
 */
public class UnsupportedContentException extends LlmException {

    private static final long serialVersionUID = 1L;

    /** A refusal explained by {@code message}. */
    public UnsupportedContentException(String message) {
        super(message);
    }
}
