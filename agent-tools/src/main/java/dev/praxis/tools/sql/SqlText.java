package dev.praxis.tools.sql;

import dev.praxis.tool.ToolException;

/**
 * Reduces SQL text to its code: string literals, quoted identifiers and comments become
 * blanks, so keywords inside them can neither hide nor fake a statement. Where databases
 * disagree about what is a comment or a literal, this errs towards seeing more code (which
 * can only lead to a refusal) or refuses outright: backslashes inside quotes (an escape in
 * MySQL, a plain character elsewhere), MySQL executable comments ({@code /*! ... *}{@code /}) and
 * nested block comments are refused; {@code --} only starts a comment when followed by
 * whitespace; backticks, brackets and dollar quotes are treated as code.
 */
final class SqlText {

    private SqlText() {
    }

    static String codeOnly(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (c == '-' && next == '-' && (i + 2 >= n || Character.isWhitespace(sql.charAt(i + 2)))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
                out.append(' ');
            } else if (c == '/' && next == '*') {
                i = blockCommentEnd(sql, i);
                out.append(' ');
            } else if (c == '\'' || c == '"') {
                i = quotedEnd(sql, i, c);
                out.append(c == '\'' ? " '' " : " \"q\" ");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int blockCommentEnd(String sql, int start) {
        if (start + 2 < sql.length() && sql.charAt(start + 2) == '!') {
            throw new ToolException("executable comments (/*! ... */) are not allowed");
        }
        int end = sql.indexOf("*/", start + 2);
        if (end < 0) {
            throw new ToolException("the query has an unterminated /* comment */");
        }
        if (sql.substring(start + 2, end).contains("/*")) {
            throw new ToolException("nested /* comments */ are not allowed (databases disagree on where they end)");
        }
        return end + 2;
    }

    private static int quotedEnd(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                throw new ToolException("backslashes inside quotes are not allowed (databases disagree on escaping); "
                        + "pass such values as parameters");
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new ToolException("the query has an unterminated " + (quote == '\'' ? "string literal" : "quoted identifier"));
    }
}
