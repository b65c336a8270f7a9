package dev.praxis.examples.finance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A news feed in JSON Lines: one object per line with {@code at} (ISO-8601 instant),
 * {@code ticker} and {@code headline}. Blank lines are skipped; anything else that is not a
 * valid item fails with a {@link FeedFormatException} naming the line.
 */
public final class NewsFeed {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NewsFeed() {
    }

    /** The feed shipped with the example ({@code news.jsonl}). */
    public static List<NewsItem> bundled() {
        try (InputStream in = NewsFeed.class.getResourceAsStream("news.jsonl")) {
            if (in == null) {
                throw new IllegalStateException("news.jsonl is missing from the example");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "news.jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read news.jsonl", e);
        }
    }

    /** The items of {@code text}, in file order; {@code source} names the feed in errors. */
    public static List<NewsItem> parse(String text, String source) {
        List<NewsItem> items = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                items.add(item(lines.get(i), source, i + 1));
            }
        }
        return items;
    }

    private static NewsItem item(String line, String source, int number) {
        try {
            JsonNode node = JSON.readTree(line);
            return new NewsItem(Instant.parse(field(node, "at")), field(node, "ticker"), field(node, "headline"));
        } catch (JsonProcessingException e) {
            throw new FeedFormatException(source, number, "not a JSON object: " + e.getOriginalMessage());
        } catch (DateTimeParseException e) {
            throw new FeedFormatException(source, number, "'at' is not an ISO-8601 instant such as 2026-11-02T08:05:00Z");
        } catch (IllegalArgumentException e) {
            throw new FeedFormatException(source, number, e.getMessage());
        }
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + name + "'");
        }
        return value.asText();
    }

    /** A feed line that is not a news item. */
    public static final class FeedFormatException extends IllegalArgumentException {

        /** The problem with line {@code line} of {@code source}. */
        public FeedFormatException(String source, int line, String problem) {
            super(source + " line " + line + ": " + problem);
        }
    }
}
