package dev.praxis.examples.offline;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.store.embedding.CosineSimilarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The passages an agent's injected retrieval put in the prompt (the message agent-core's
 * {@code Retrieval.Inject#message} writes: a {@code <passages>} block of {@code [sourceId]}
 * headers, each followed by its text), as the offline mode reads them. A passage's
 * {@link Passage#source()} is its source id; its score the MiniLM cosine similarity of its
 * text with the question, the same measure the knowledge stores use.
 */
final class InjectedPassages {

    private static final String PREFIX = "Reference passages retrieved";
    private static final Pattern HEADER = Pattern.compile("\\[([^\\s\\[\\],;]{1,200})]");

    /** One passage of the block: the id to cite it by and its text. */
    record Entry(String id, String text) {
    }

    private InjectedPassages() {
    }

    /** Whether {@code text} is a message of retrieved passages rather than something a user typed. */
    static boolean isInjection(String text) {
        return text.startsWith(PREFIX) && text.contains("<passages>");
    }

    /** The injected passage most similar to {@code question}, if the prompt has any. */
    static Optional<Passage> best(String question, List<ChatMessage> messages) {
        Embedding asked = null;
        Passage best = null;
        for (ChatMessage message : messages) {
            if (!(message instanceof UserMessage user) || !user.hasSingleText() || !isInjection(user.singleText())) {
                continue;
            }
            for (Entry entry : entries(user.singleText())) {
                asked = asked == null ? MiniLm.embed(question) : asked;
                double score = CosineSimilarity.between(asked, MiniLm.embed(entry.text()));
                if (best == null || score > best.score()) {
                    best = new Passage(answerPart(entry.text()), entry.id(), score);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Each passage of the block as an {@link Entry}, in prompt order. */
    static List<Entry> entries(String message) {
        int start = message.indexOf("<passages>\n");
        int end = message.lastIndexOf("</passages>");
        List<Entry> entries = new ArrayList<>();
        if (start < 0 || end < start) {
            return entries;
        }
        String id = null;
        StringBuilder text = new StringBuilder();
        for (String line : message.substring(start + "<passages>\n".length(), end).split("\n", -1)) {
            var header = HEADER.matcher(line);
            if (header.matches()) {
                add(entries, id, text);
                id = header.group(1);
                text.setLength(0);
            } else if (id != null) {
                text.append(line).append('\n');
            }
        }
        add(entries, id, text);
        return entries;
    }

    private static void add(List<Entry> entries, String id, StringBuilder text) {
        if (id != null && !text.toString().isBlank()) {
            entries.add(new Entry(id, text.toString().strip()));
        }
    }

    /** An FAQ passage starts with the question it answers: the answer is the rest. */
    private static String answerPart(String text) {
        int newline = text.indexOf('\n');
        return newline > 0 && text.substring(0, newline).strip().endsWith("?") ? text.substring(newline + 1).strip() : text;
    }
}
