package dev.praxis.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.env.JsonlFormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A named list of eval cases, usually read from JSONL, one case per line:
 *
 * <pre>
 * {"id": "add", "input": "2+3?", "expected": "5", "checks": [{"type": "exact"}, {"type": "tool_called", "tool": "add", "args": {"a": 2}}]}
 * {"id": "fr", "input": "Capital of France?", "expected": ["Paris"], "checks": [{"type": "contains", "value": "Paris"}]}
 * {"id": "poem", "input": "A haiku on rain", "checks": [{"type": "judge", "rubric": "5-7-5 syllables, about rain", "threshold": 0.7}]}
 * </pre>
 *
 * Check types: {@code exact} (against {@code value} or the first expected answer;
 * {@code ignore_case}), {@code contains} ({@code value}, {@code ignore_case}), {@code regex}
 * ({@code pattern}), {@code json_path} ({@code path}, {@code equals}), {@code tool_called}
 * ({@code tool}, optional {@code args}), {@code judge} ({@code rubric}, optional
 * {@code threshold}, default 0.7). A case with an expected answer and no checks gets
 * {@code exact}. Blank lines are skipped.
 *
 * @param name  the suite's name in reports
 * @param cases the cases, in order
 */
public record EvalSuite(String name, List<EvalCase> cases) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rejects an empty suite and duplicate case ids. */
    public EvalSuite {
        cases = List.copyOf(cases);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("suite '" + name + "' has no cases");
        }
        Set<String> ids = new HashSet<>();
        for (EvalCase c : cases) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("suite '" + name + "' repeats case id '" + c.id() + "'");
            }
        }
    }

    /**
     * Reads a suite from a JSONL file named after the file.
     *
     * @throws JsonlFormatException naming the line of the first bad case
     * @throws UncheckedIOException if the file cannot be read
     */
    public static EvalSuite read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
            return parse(name, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read eval suite " + file, e);
        }
    }

    /**
     * Reads a suite from JSONL text.
     *
     * @throws JsonlFormatException naming the line of the first bad case (or of a repeated id)
     */
    public static EvalSuite parse(String name, Reader jsonl) {
        List<EvalCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        BufferedReader lines = new BufferedReader(jsonl);
        int number = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                EvalCase c = parseCase(number, line);
                if (!ids.add(c.id())) {
                    throw new JsonlFormatException(number, "case id '" + c.id() + "' appears twice");
                }
                cases.add(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading eval suite '" + name + "' failed at line " + number, e);
        }
        if (cases.isEmpty()) {
            throw new JsonlFormatException(Math.max(1, number), "the suite has no cases");
        }
        return new EvalSuite(name, cases);
    }

    private static EvalCase parseCase(int number, String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.isObject()) {
                throw new IllegalArgumentException("a case must be a JSON object");
            }
            if (!node.path("input").isTextual()) {
                throw new IllegalArgumentException("'input' must be a string");
            }
            String id = node.path("id").isMissingNode() ? "case-" + number : node.path("id").asText();
            List<String> references = references(node.path("expected"));
            List<Check> checks = new ArrayList<>();
            for (JsonNode check : node.path("checks")) {
                checks.add(CheckParser.parse(check, references));
            }
            if (checks.isEmpty() && !references.isEmpty()) {
                checks.add(new Check.Exact(references.get(0), false));
            }
            return new EvalCase(id, node.get("input").asText(), references, checks);
        } catch (JsonProcessingException e) {
            throw new JsonlFormatException(number, "not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new JsonlFormatException(number, e.getMessage());
        }
    }

    private static List<String> references(JsonNode expected) {
        if (expected.isMissingNode() || expected.isNull()) {
            return List.of();
        }
        if (expected.isTextual()) {
            return List.of(expected.asText());
        }
        if (expected.isArray()) {
            List<String> all = new ArrayList<>();
            for (JsonNode e : expected) {
                if (!e.isTextual()) {
                    throw new IllegalArgumentException("'expected' must be a string or an array of strings");
                }
                all.add(e.asText());
            }
            return all;
        }
        throw new IllegalArgumentException("'expected' must be a string or an array of strings");
    }
}
