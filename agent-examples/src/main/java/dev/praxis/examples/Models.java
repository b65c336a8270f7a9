package dev.praxis.examples;

import dev.praxis.llm.LlmClient;

import java.io.PrintStream;
import java.util.Map;

/**
 * Chooses the model behind the examples and says which one answers, on the first line of
 * output. Today: the offline rule-based stand-in; provider and local-model support plug in
 * here as they land.
 */
public final class Models {

    private Models() {
    }

    /** Keeps libraries that phone home (DJL, used by in-process embeddings) offline. */
    public static void stayOffline() {
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
    }

    /** The model to use, announced on {@code out}'s first line. */
    public static LlmClient choose(Map<String, String> env, PrintStream out) {
        String configured = env.get("PRAXIS_MODEL");
        if (configured != null && !configured.isBlank()) {
            out.println("Model: PRAXIS_MODEL=" + configured + " is set, but this build has no provider support yet;"
                    + " answering in " + OfflineLlm.LABEL);
        } else {
            out.println("Model: " + OfflineLlm.LABEL + " - set PRAXIS_MODEL to use a real model (see README)");
        }
        return new OfflineLlm();
    }
}
