package dev.praxis.eval;

import com.fasterxml.jackson.databind.JsonNode;

/** Helpers for JSON in model output. */
final class JsonText {

    private JsonText() {
    }

    /** The text, or the body of a fenced {@code ```json} block inside it. */
    static String extract(String output) {
        String text = output.strip();
        int fence = text.indexOf("```");
        if (fence >= 0) {
            int start = text.indexOf('\n', fence);
            int end = text.indexOf("```", start + 1);
            if (start > 0 && end > start) {
                return text.substring(start + 1, end);
            }
        }
        return text;
    }

    /** Equal JSON values, with numbers compared by value ({@code 1} equals {@code 1.0}). */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
