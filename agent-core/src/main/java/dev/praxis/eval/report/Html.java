package dev.praxis.eval.report;

/** Escaping for text placed in HTML elements and attributes. */
final class Html {

    private Html() {
    }

    /** Escapes {@code & < > " '}, so model output can never become markup or script. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
