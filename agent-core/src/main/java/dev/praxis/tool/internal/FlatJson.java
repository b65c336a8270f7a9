package dev.praxis.tool.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.LinkedHashMap;

/**
 * Reads the arguments most tool calls carry, one flat JSON object such as
 * {@code {"a":2,"city":"Oslo","exact":true}}, into the same tree Jackson's {@code readTree}
 * builds, without a parser, context and buffers per call. Only strings without escapes,
 * integers of up to 18 digits, booleans and null are read; for anything else (escapes,
 * fractions, nesting, duplicate names, malformed text) it returns null and the caller
 * parses with Jackson, which then decides. Immutable and thread-safe.
 */
final class FlatJson {

    private final String[] names;

    /** {@code names}: the property names to share instead of copying them out of every call. */
    FlatJson(String[] names) {
        this.names = names.clone();
    }

    /** The object in {@code text}, or null if it is not a flat object this reader handles. */
    ObjectNode parse(String text) {
        int i = skipSpace(text, 0);
        if (i >= text.length() || text.charAt(i) != '{') {
            return null;
        }
        ObjectNode object = new ObjectNode(JsonNodeFactory.instance, new LinkedHashMap<>(4 + names.length * 2));
        i = skipSpace(text, i + 1);
        if (i < text.length() && text.charAt(i) == '}') {
            return end(text, i, object);
        }
        while (i < text.length() && text.charAt(i) == '"') {
            int close = closingQuote(text, i + 1);
            if (close < 0) {
                return null;
            }
            String name = name(text, i + 1, close);
            i = skipSpace(text, close + 1);
            if (i >= text.length() || text.charAt(i) != ':') {
                return null;
            }
            i = skipSpace(text, i + 1);
            int after = value(text, i, object, name);
            if (after < 0) {
                return null;
            }
            i = skipSpace(text, after);
            if (i < text.length() && text.charAt(i) == '}') {
                return end(text, i, object);
            }
            if (i >= text.length() || text.charAt(i) != ',') {
                return null;
            }
            i = skipSpace(text, i + 1);
        }
        return null;
    }

    /** Reads the value at {@code i} into {@code object}; returns the index after it, or -1. */
    private static int value(String text, int i, ObjectNode object, String name) {
        if (i >= text.length()) {
            return -1;
        }
        char c = text.charAt(i);
        if (c == '"') {
            int close = closingQuote(text, i + 1);
            if (close < 0 || object.replace(name, TextNode.valueOf(text.substring(i + 1, close))) != null) {
                return -1; // unterminated, or a repeated name: Jackson decides
            }
            return close + 1;
        }
        if (c == '-' || c >= '0' && c <= '9') {
            return integer(text, i, object, name);
        }
        JsonNode literal = text.startsWith("true", i) ? BooleanNode.TRUE
                : text.startsWith("false", i) ? BooleanNode.FALSE
                : text.startsWith("null", i) ? NullNode.instance : null;
        if (literal == null) {
            return -1;
        }
        return object.replace(name, literal) != null ? -1 : i + (literal == BooleanNode.FALSE ? 5 : 4);
    }

    private static int integer(String text, int start, ObjectNode object, String name) {
        int digits = text.charAt(start) == '-' ? start + 1 : start;
        int i = digits;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        int count = i - digits;
        // no leading zeros, no "-0", no fractions or exponents, nothing that needs more than a long
        if (count == 0 || count > 18 || text.charAt(digits) == '0' && (count > 1 || digits > start)
                || i < text.length() && (text.charAt(i) == '.' || text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            return -1;
        }
        long value = Long.parseLong(text, start, i, 10);
        JsonNode node = value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
        return object.replace(name, node) != null ? -1 : i;
    }

    private String name(String text, int start, int end) {
        for (String known : names) {
            if (known.length() == end - start && text.startsWith(known, start)) {
                return known;
            }
        }
        return text.substring(start, end);
    }

    /** The index of the quote closing a string that starts at {@code i}; -1 if it has escapes or control characters. */
    private static int closingQuote(String text, int i) {
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    private static ObjectNode end(String text, int closingBrace, ObjectNode object) {
        return skipSpace(text, closingBrace + 1) == text.length() ? object : null;
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }
}
