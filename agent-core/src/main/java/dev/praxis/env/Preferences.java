package dev.praxis.env;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds preference pairs from feedback: runs that began with the same prompt, one judged good
 * (mean feedback above 0) and one bad (below 0). A pair is the first model call where the two
 * replied differently while having seen the same prompt: that prompt and its tools are the
 * input, the good run's reply is preferred, the bad run's is not. Each bad run is paired with one
 * good run, the best-judged first, in turn.
 */
final class Preferences {

    /** A pair ready to write, or why it could not be built. */
    record Pair(Optional<ObjectNode> line, String problem) {
    }

    private Preferences() {
    }

    /** The pairs of {@code trajectories}, in a deterministic order. */
    static List<Pair> pairs(List<Trajectory> trajectories) {
        Map<String, List<Trajectory>> byPrompt = new LinkedHashMap<>();
        List<Pair> unusable = new ArrayList<>();
        for (Trajectory t : trajectories) {
            if (t.feedbackScore().isPresent() && !t.steps().isEmpty() && t.steps().get(0).prompt().known()) {
                try {
                    byPrompt.computeIfAbsent(promptKey(t.steps().get(0)), k -> new ArrayList<>()).add(t);
                } catch (IllegalArgumentException e) {
                    unusable.add(new Pair(Optional.empty(), t.id() + ": " + e.getMessage()));
                }
            }
        }
        List<Pair> pairs = new ArrayList<>(unusable);
        for (List<Trajectory> group : byPrompt.values()) {
            List<Trajectory> good = group.stream().filter(t -> t.feedbackScore().getAsDouble() > 0)
                    .sorted(Comparator.comparingDouble((Trajectory t) -> -t.feedbackScore().getAsDouble())
                            .thenComparing(Trajectory::startedAt, Comparator.reverseOrder())
                            .thenComparing(Trajectory::id))
                    .toList();
            List<Trajectory> bad = group.stream().filter(t -> t.feedbackScore().getAsDouble() < 0)
                    .sorted(Comparator.comparing(Trajectory::startedAt).thenComparing(Trajectory::id)).toList();
            for (int i = 0; i < bad.size() && !good.isEmpty(); i++) {
                pairs.add(pair(good.get(i % good.size()), bad.get(i)));
            }
        }
        return pairs;
    }

    private static Pair pair(Trajectory chosen, Trajectory rejected) {
        String names = chosen.id() + " over " + rejected.id();
        for (int i = 0; i < Math.min(chosen.steps().size(), rejected.steps().size()); i++) {
            TrajectoryStep a = chosen.steps().get(i);
            TrajectoryStep b = rejected.steps().get(i);
            if (!a.prompt().known() || !b.prompt().known() || !samePrompt(a, b)) {
                return new Pair(Optional.empty(), names + ": the runs saw different prompts at step " + (i + 1)
                        + " before replying differently");
            }
            AiMessage preferred = ChatExamples.reply(a);
            AiMessage other = ChatExamples.reply(b);
            if (!reply(preferred).equals(reply(other))) {
                return written(a, preferred, other);
            }
        }
        return new Pair(Optional.empty(), names + ": the runs replied the same at every step they share");
    }

    private static Pair written(TrajectoryStep a, AiMessage preferred, AiMessage other) {
        try {
            ObjectNode line = ChatJson.JSON.createObjectNode();
            ObjectNode input = line.putObject("input");
            input.set("messages", ChatJson.write(a.prompt().messages()));
            if (!a.prompt().tools().isEmpty()) {
                input.set("tools", ChatJson.tools(a.prompt().tools()));
            }
            line.set("preferred_output", ChatJson.write(List.of(preferred), 0, true));
            line.set("non_preferred_output", ChatJson.write(List.of(other), 0, true));
            return new Pair(Optional.of(line), "");
        } catch (IllegalArgumentException e) {
            return new Pair(Optional.empty(), e.getMessage());
        }
    }

    private static boolean samePrompt(TrajectoryStep a, TrajectoryStep b) {
        try {
            return promptKey(a).equals(promptKey(b));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String promptKey(TrajectoryStep step) {
        ArrayNode messages = ChatJson.write(step.prompt().messages());
        return ChatJson.comparable(messages) + ChatJson.tools(step.prompt().tools());
    }

    private static String reply(ChatMessage message) {
        return ChatJson.comparable(ChatJson.write(List.of(message), 0, true));
    }
}
