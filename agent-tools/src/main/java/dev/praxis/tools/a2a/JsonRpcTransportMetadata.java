package dev.praxis.tools.a2a;

import io.a2a.server.TransportMetadata;

/**
 * Tells the SDK's agent-card validator (which finds transports with {@link java.util.ServiceLoader})
 * that JSON-RPC is served: {@link A2aServer} serves it on the JDK's HTTP server instead of
 * the SDK's container-bound transport module. Registered in {@code META-INF/services}.
 */
public final class JsonRpcTransportMetadata implements TransportMetadata {

    /** Used by the service loader. */
    public JsonRpcTransportMetadata() {
    }

    @Override
    public String getTransportProtocol() {
        return "JSONRPC";
    }
}
