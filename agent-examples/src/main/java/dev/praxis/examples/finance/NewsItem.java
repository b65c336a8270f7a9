package dev.praxis.examples.finance;

import java.time.Instant;
import java.util.Objects;

/**
 * One headline from the news feed.
 *
 * @param at       when it was published
 * @param ticker   the stock it is about, such as {@code ACME}
 * @param headline the text
 */
public record NewsItem(Instant at, String ticker, String headline) {

    /** Validates: every part present, the ticker 1-6 capital letters, the headline not blank. */
    public NewsItem {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(headline, "headline");
        if (!ticker.matches("[A-Z]{1,6}")) {
            throw new IllegalArgumentException("a ticker is 1-6 capital letters, not '" + ticker + "'");
        }
        if (headline.isBlank()) {
            throw new IllegalArgumentException("the headline of " + ticker + " at " + at + " is blank");
        }
    }

    /** A stable key for the item: the same headline for the same ticker at the same time is stored once. */
    public String key() {
        return ticker + "|" + at + "|" + headline.strip();
    }
}
