package dev.praxis.ingest.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** OpenAI's cl100k_base encoding, loaded once on first use. Not API. */
public final class Cl100k {

    /** The encoding. */
    public static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private Cl100k() {
    }
}
