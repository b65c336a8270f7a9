package dev.praxis.llm.provider;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Starts a {@link WireServer} for a test field. */
final class Wire {
    private Wire() {
    }

    static WireServer start() {
        try {
            return new WireServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
