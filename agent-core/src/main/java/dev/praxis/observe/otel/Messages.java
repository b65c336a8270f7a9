package dev.praxis.observe.otel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/** Message content in the GenAI conventions' JSON shape ({@code [{role, parts:[{type:text, content}]}]}). */
final class Messages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Messages() {
    }

    static String user(String text) {
        return of("user", text);
    }

    static String assistant(String text) {
        return of("assistant", text);
    }

    private static String of(String role, String text) {
        try {
            return JSON.writeValueAsString(List.of(Map.of("role", role,
                    "parts", List.of(Map.of("type", "text", "content", text)))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }
}
