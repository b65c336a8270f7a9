package dev.praxis.tools.mcp;

import dev.praxis.tool.ToolCaller;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one client connection knows about its calls in flight: the caller of each (by progress
 * token), so the server's progress and log notifications reach the party that asked for the
 * call, and how many of the server's elicitations failed, so a call during which one failed
 * is reported as failed.
 *
 * <p>The SDK hands each notification to its consumer on another thread, so progress the server
 * sent just before its answer can arrive here after the call has returned. The callers of the
 * last {@value #RECENT} calls that returned are kept for such late progress: it reaches its
 * caller instead of being dropped.
 */
final class ClientSession {

    static final int RECENT = 32;

    private final Map<String, ToolCaller> inFlight = new ConcurrentHashMap<>();
    private final Map<String, ToolCaller> recent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ToolCaller> eldest) {
            return size() > RECENT;
        }
    };
    private final AtomicLong failedElicitations = new AtomicLong();

    void started(String token, ToolCaller caller) {
        inFlight.put(token, caller);
    }

    void finished(String token) {
        ToolCaller caller = inFlight.remove(token);
        if (caller != null) {
            synchronized (recent) {
                recent.put(token, caller);
            }
        }
    }

    long failedElicitations() {
        return failedElicitations.get();
    }

    void elicitationFailed() {
        failedElicitations.incrementAndGet();
    }

    void progress(McpSchema.ProgressNotification notice) {
        String token = String.valueOf(notice.progressToken());
        ToolCaller caller = inFlight.get(token);
        if (caller == null) {
            synchronized (recent) {
                caller = recent.get(token);
            }
        }
        if (caller != null) {
            caller.progress(notice.progress(), notice.total() == null ? Double.NaN : notice.total(), notice.message());
        }
    }

    /**
     * The caller of the one call in flight, which a server's request without a call id (an
     * elicitation) belongs to; empty when no call or several are in flight, since then it
     * cannot be told whose it is.
     */
    java.util.Optional<ToolCaller> soleCaller() {
        var callers = java.util.List.copyOf(inFlight.values());
        return callers.size() == 1 ? java.util.Optional.of(callers.get(0)) : java.util.Optional.empty();
    }

    /** A log line has no call id: it goes to every caller in flight. */
    void log(McpSchema.LoggingMessageNotification notice) {
        ToolCaller.Level level = ToolCaller.Level.valueOf(notice.level().name());
        String text = (notice.logger() == null ? "" : "[" + notice.logger() + "] ") + notice.data();
        inFlight.values().forEach(caller -> caller.log(level, text));
    }
}
