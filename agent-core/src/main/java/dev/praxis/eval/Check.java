package dev.praxis.eval;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.llm.LlmClient;
import dev.praxis.tool.ToolCall;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One way to judge an answer. Checks never throw for a wrong or malformed answer; that is a
 * failed {@link CheckResult} with a reason.
 */
public sealed interface Check {

    /** The check's name in reports. */
    String name();

    /** Judges {@code answer}; {@code judge}, the model that grades, is only used by {@link Judge}. */
    CheckResult check(Answer answer, Optional<LlmClient> judge);

    /** The output, trimmed, equals {@code expected} (optionally ignoring case). */
    record Exact(String expected, boolean ignoreCase) implements Check {
        /** Rejects a null expectation. */
        public Exact {
            Objects.requireNonNull(expected, "expected");
        }

        @Override
        public String name() {
            return "exact";
        }

        @Override
        public CheckResult check(Answer answer, Optional<LlmClient> judge) {
            String out = answer.output().strip();
            boolean ok = ignoreCase ? out.equalsIgnoreCase(expected.strip()) : out.equals(expected.strip());
            return CheckResult.of(name(), ok, ok ? "equal" : "expected '" + expected.strip() + "'");
        }
    }

    /** The output contains {@code value} (optionally ignoring case). */
    record Contains(String value, boolean ignoreCase) implements Check {
        /** Rejects a null value. */
        public Contains {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String name() {
            return "contains";
        }

        @Override
        public CheckResult check(Answer answer, Optional<LlmClient> judge) {
            String out = answer.output();
            boolean ok = ignoreCase ? out.toLowerCase(java.util.Locale.ROOT).contains(value.toLowerCase(java.util.Locale.ROOT))
                    : out.contains(value);
            return CheckResult.of(name(), ok, (ok ? "contains '" : "does not contain '") + value + "'");
        }
    }

    /** {@code pattern} matches somewhere in the output. */
    record Regex(Pattern pattern) implements Check {
        /** Rejects a null pattern. */
        public Regex {
            Objects.requireNonNull(pattern, "pattern");
        }

        /**
         * A regex check from its source.
         *
         * @throws IllegalArgumentException naming the syntax error
         */
        public static Regex of(String regex) {
            try {
                return new Regex(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regex: " + e.getDescription() + " in /" + regex + "/");
            }
        }

        @Override
        public String name() {
            return "regex";
        }

        @Override
        public CheckResult check(Answer answer, Optional<LlmClient> judge) {
            boolean ok = pattern.matcher(answer.output()).find();
            return CheckResult.of(name(), ok, (ok ? "matches /" : "does not match /") + pattern.pattern() + "/");
        }
    }

    /**
     * The output is JSON and the value at {@code path} equals {@code expected}. Paths use dots
     * and indexes: {@code $.order.items[0].sku}.
     */
    record JsonPath(String path, JsonNode expected) implements Check {
        private static final ObjectMapper JSON = new ObjectMapper();

        /** Validates the path syntax. */
        public JsonPath {
            Objects.requireNonNull(expected, "expected");
            pointer(path);
        }

        @Override
        public String name() {
            return "json_path";
        }

        @Override
        public CheckResult check(Answer answer, Optional<LlmClient> judge) {
            JsonNode root;
            try {
                root = JSON.readTree(JsonText.extract(answer.output()));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                return CheckResult.of(name(), false, "output is not JSON");
            }
            JsonNode actual = root.at(pointer(path));
            boolean ok = !actual.isMissingNode() && JsonText.sameValue(actual, expected);
            return CheckResult.of(name(), ok, ok ? path + " = " + expected
                    : path + " is " + (actual.isMissingNode() ? "missing" : actual.toString()) + ", expected " + expected);
        }

        static JsonPointer pointer(String path) {
            if (path == null || !path.startsWith("$")) {
                throw new IllegalArgumentException("a JSON path starts with '$', got '" + path + "'");
            }
            String rest = path.substring(1).replaceAll("\\[(\\d+)]", ".$1");
            if (!rest.isEmpty() && (!rest.startsWith(".") || rest.contains("..") || rest.endsWith(".")
                    || rest.matches(".*[\\[\\]*?@()].*"))) {
                throw new IllegalArgumentException("unsupported JSON path '" + path
                        + "': use $.field.sub[0] (no wildcards, filters or recursive descent)");
            }
            return JsonPointer.compile(rest.replace("~", "~0").replace("/", "~1").replace('.', '/'));
        }
    }

    /**
     * The agent called {@code tool} at least once with arguments that include every field of
     * {@code args} with an equal value (extra arguments are allowed).
     */
    record ToolCalled(String tool, JsonNode args) implements Check {
        private static final ObjectMapper JSON = new ObjectMapper();

        /** Rejects a blank tool name; {@code args} must be an object. */
        public ToolCalled {
            if (tool == null || tool.isBlank()) {
                throw new IllegalArgumentException("tool_called needs a tool name");
            }
            if (args == null || !args.isObject()) {
                throw new IllegalArgumentException("tool_called args must be a JSON object");
            }
        }

        @Override
        public String name() {
            return "tool_called";
        }

        @Override
        public CheckResult check(Answer answer, Optional<LlmClient> judge) {
            int calls = 0;
            for (ToolCall call : answer.toolCalls()) {
                if (call.name().equals(tool)) {
                    calls++;
                    if (includes(call.arguments())) {
                        return CheckResult.of(name(), true, tool + " called with " + call.arguments());
                    }
                }
            }
            return CheckResult.of(name(), false, calls == 0 ? tool + " was not called"
                    : tool + " was called " + calls + " time(s), never with " + args);
        }

        private boolean includes(String arguments) {
            try {
                JsonNode actual = JSON.readTree(arguments);
                for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!actual.has(field.getKey()) || !JsonText.sameValue(actual.get(field.getKey()), field.getValue())) {
                        return false;
                    }
                }
                return true;
            } catch (JsonProcessingException e) {
                return false;
            }
        }
    }

    /** A language model grades the answer against {@code rubric}; passes at {@code threshold} (0..1) or above. */
    record Judge(String rubric, double threshold) implements Check {
        /** Rejects a blank rubric and thresholds outside [0, 1]. */
        public Judge {
            if (rubric == null || rubric.isBlank()) {
                throw new IllegalArgumentException("a judge check needs a rubric");
            }
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("judge threshold must be within [0, 1], got " + threshold);
            }
        }

        @Override
        public String name() {
            return "judge";
        }

        @Override
        public CheckResult check(Answer answer, Optional<LlmClient> judge) {
            if (judge.isEmpty()) {
                return CheckResult.of(name(), false, "no judge model configured: set Evaluator.builder().judge(...)");
            }
            return new LlmJudge(judge.get()).grade(answer, rubric, threshold);
        }
    }

    /**
     * The answer is grounded in what was retrieved: it cites at least one retrieved passage, cites
     * nothing that was not retrieved, and each of its sentences is found in the passages it cites
     * (all its numbers, and at least {@code minSupport} of its content words). Lexical and
     * deterministic; the score is the share of supported sentences.
     */
    record Grounded(double minSupport) implements Check {
        /** Rejects a minimum outside [0, 1]. */
        public Grounded {
            if (!(minSupport >= 0 && minSupport <= 1)) {
                throw new IllegalArgumentException("minSupport must be within [0, 1], got " + minSupport);
            }
        }

        @Override
        public String name() {
            return "grounded";
        }

        @Override
        public CheckResult check(Answer answer, Optional<LlmClient> judge) {
            return Groundedness.judge(name(), answer.output(), answer.result().citations(), minSupport);
        }
    }
}
