package dev.praxis.examples.offline;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.CosineSimilarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks the tool a message asks for: the cosine similarity of the message's MiniLM embedding
 * with each tool's name and description (and each phrase of the description), best match
 * wins if it clears a threshold. Digits are removed from the message first: they are
 * arguments, not intent. Thread-safe; a tool's embeddings are computed once per process and
 * shared by every router (the examples build several agents over the same tools).
 */
public final class IntentRouter {

    /** The similarity below which a message matches no tool. */
    public static final double THRESHOLD = 0.32;
    private static final int MAX_SEGMENTS = 8;
    /** Tool names and descriptions come from code, so this stays as small as the set of tools. */
    private static final Map<String, List<Embedding>> UTTERANCES = new ConcurrentHashMap<>();

    /** A tool and how well the message matched it. */
    public record Intent(ToolSpecification tool, double score) {
    }

    /** The best-matching tool above {@link #THRESHOLD}, if any. */
    public Optional<Intent> route(String message, List<ToolSpecification> tools) {
        List<Embedding> queries = segments(message).stream().map(s -> MiniLm.embed(withoutNumbers(s))).toList();
        Intent best = null;
        for (ToolSpecification tool : tools) {
            for (Embedding query : queries) {
                double score = score(query, tool);
                if (best == null || score > best.score()) {
                    best = new Intent(tool, score);
                }
            }
        }
        return best == null || best.score() < THRESHOLD ? Optional.empty() : Optional.of(best);
    }

    /**
     * The message, and for a long one (a task handed over by another agent) also its first
     * few lines and sentences: a request buried in a long text still counts.
     */
    static List<String> segments(String message) {
        String text = message.replace(OfflineLlm.LABEL, " ").strip();
        List<String> segments = new ArrayList<>(List.of(text));
        for (String part : text.split("\\n+|(?<=[.!?;])\\s+")) {
            String segment = part.strip();
            if (segment.split("\\s+").length >= 3 && !segment.equals(text) && segments.size() <= MAX_SEGMENTS) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** The similarity of {@code message} with {@code tool}, from -1 to 1. */
    public double score(String message, ToolSpecification tool) {
        return score(MiniLm.embed(withoutNumbers(message)), tool);
    }

    private double score(Embedding query, ToolSpecification tool) {
        double best = -1;
        for (Embedding utterance : UTTERANCES.computeIfAbsent(tool.name() + "\n" + tool.description(),
                key -> embedAll(tool))) {
            best = Math.max(best, CosineSimilarity.between(query, utterance));
        }
        return best;
    }

    private static List<Embedding> embedAll(ToolSpecification tool) {
        List<Embedding> embeddings = new ArrayList<>();
        String description = tool.description() == null ? "" : tool.description();
        embeddings.add(MiniLm.embed(tool.name().replace('_', ' ') + ": " + description));
        for (String phrase : description.split("[:;()]")) {
            if (phrase.isBlank() || phrase.strip().equals(description.strip())) {
                continue;
            }
            embeddings.add(MiniLm.embed(phrase.strip()));
        }
        return List.copyOf(embeddings);
    }

    private static String withoutNumbers(String message) {
        String stripped = message.replaceAll("[-+]?\\d[\\d.,:/]*", " ").replaceAll("\\s+", " ").strip();
        return stripped.isEmpty() ? message : stripped;
    }
}
