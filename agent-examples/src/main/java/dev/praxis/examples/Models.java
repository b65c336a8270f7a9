package dev.praxis.examples;

import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Chooses the model behind the examples and says which one answers, on the first line of
 * output: the model named by {@code PRAXIS_MODEL} (a provider, or {@code gguf:} for a local
 * model file; see {@link LlmClients}), else the example's offline mode.
 */
public final class Models {

    private Models() {
    }

    /** Keeps libraries that phone home (DJL, used by in-process embeddings) offline. */
    public static void stayOffline() {
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
    }

    /** The model to use, announced on {@code out}'s first line; offline mode knows no example data. */
    public static LlmClient choose(Map<String, String> env, PrintStream out) {
        return choose(env, out, OfflineLlm::basic);
    }

    /**
     * The model to use, announced on {@code out}'s first line: the configured provider or
     * local model, else {@code offline} (an example's offline mode, which knows its data).
     *
     * @throws dev.praxis.llm.LlmException when PRAXIS_MODEL is set but a setting is wrong;
     *         the message names the variable to fix
     */
    public static LlmClient choose(Map<String, String> env, PrintStream out, Supplier<? extends LlmClient> offline) {
        String configured = env.get(LlmClients.MODEL);
        if (configured != null && !configured.isBlank()) {
            String label = LlmClients.spec(env).label();           // a malformed setting fails here, before anything prints
            out.println("Model: " + label + " (from PRAXIS_MODEL)");  // first, before a local model's loader talks
            return LlmClients.from(env);
        }
        out.println("Model: " + OfflineLlm.LABEL + " - set PRAXIS_MODEL to use a real model (see README)");
        return offline.get();
    }
}
