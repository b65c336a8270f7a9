package dev.praxis.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer of the text-overlap metrics: splits on whitespace and makes each punctuation
 * character its own token, keeping case. {@code "Hello, world!"} gives
 * {@code [Hello, ",", world, "!"]}.
 */
final class Tokens {

    private Tokens() {
    }

    /** The tokens of {@code text}, in order. */
    public static List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || isPunctuation(cp)) {
                if (word.length() > 0) {
                    tokens.add(word.toString());
                    word.setLength(0);
                }
                if (isPunctuation(cp)) {
                    tokens.add(new String(Character.toChars(cp)));
                }
            } else {
                word.appendCodePoint(cp);
            }
        });
        if (word.length() > 0) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    private static boolean isPunctuation(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION && cp != '_' || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }
}
