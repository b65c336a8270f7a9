package dev.praxis.observe;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timeline of a {@link TracePage}: one lane per agent (team members side by side), each
 * event placed by its time. Package-private.
 */
final class Timeline {

    private final List<JsonNode> events;
    private final Instant start;
    private final long spanMillis;

    Timeline(List<JsonNode> events) {
        this.events = events.stream().filter(e -> e.has("run") && !e.path("agent").asText().isEmpty()).toList();
        this.start = this.events.stream().map(TracePage::time).min(Instant::compareTo).orElse(Instant.EPOCH);
        Instant end = this.events.stream().map(TracePage::time).max(Instant::compareTo).orElse(Instant.EPOCH);
        this.spanMillis = Math.max(1, Duration.between(start, end).toMillis());
    }

    /** The CSS class of {@code e}'s kind: model, tool, approval, guardrail, retry, run, stopped or other. */
    static String kind(JsonNode e) {
        String type = e.path("type").asText();
        String outcome = e.path("outcome").asText();
        String status = e.path("status").asText();
        if (type.equals("model_called")) {
            return "model";
        } else if (type.equals("model_attempt_failed")) {
            return "retry";
        } else if (type.startsWith("tool_")) {
            return outcome.equals("denied") || outcome.equals("awaiting_approval") ? "approval" : "tool";
        } else if (type.equals("stopped")) {
            return status.equals("GUARDRAIL_TRIPPED") ? "guardrail"
                    : status.equals("AWAITING_APPROVAL") ? "approval" : "stopped";
        }
        return type.equals("run_started") || type.equals("completed") ? "run" : "other";
    }

    void render(StringBuilder html) {
        Map<String, List<JsonNode>> lanes = new LinkedHashMap<>();
        events.forEach(e -> lanes.computeIfAbsent(e.path("agent").asText(), k -> new ArrayList<>()).add(e));
        html.append("<section id=\"timeline\"><h2>Timeline</h2><p class=\"legend\"><span>▮ run</span>"
                + "<span style=\"color:#4a6fa5\">▮ model call</span><span style=\"color:#5a9e6f\">▮ tool call</span>"
                + "<span style=\"color:#e0a030\">▮ approval</span><span style=\"color:#c0392b\">▮ guardrail</span>"
                + "<span style=\"color:#e67e22\">▮ failed attempt (retry)</span> · ").append(spanMillis)
                .append(" ms</p>");
        lanes.forEach((agent, list) -> {
            html.append("<div class=\"lane\" data-agent=\"").append(TracePage.escape(agent)).append("\"><div class=\"lane-name\">")
                    .append(TracePage.escape(agent)).append("</div><div class=\"track\">");
            spans(html, list);
            html.append("</div></div>");
        });
        html.append("</section>");
    }

    private void spans(StringBuilder html, List<JsonNode> lane) {
        Map<String, Instant> runStart = new HashMap<>();
        Map<String, Instant> toolStart = new HashMap<>();
        for (JsonNode e : lane) {
            String type = e.path("type").asText();
            Instant at = TracePage.time(e);
            String run = e.path("run").asText();
            switch (type) {
                case "run_started", "resumed" -> runStart.put(run, at);
                case "completed", "stopped" -> span(html, e, "run", runStart.getOrDefault(run, at), at,
                        e.path("status").asText() + ": " + e.path("reason").asText());
                case "model_called" -> span(html, e, "model", at.minusMillis(e.path("latency_ms").asLong()), at,
                        "model call, step " + e.path("step").asInt() + ": " + e.path("input_tokens").asLong() + " in / "
                                + e.path("output_tokens").asLong() + " out tokens, cost " + e.path("cost").asText() + ", "
                                + e.path("latency_ms").asLong() + " ms");
                case "tool_started" -> toolStart.put(run + "/" + e.path("call").path("id").asText(), at);
                case "tool_finished" -> span(html, e, kind(e),
                        toolStart.getOrDefault(run + "/" + e.path("call").path("id").asText(), at), at,
                        e.path("call").path("name").asText() + " " + e.path("call").path("arguments").asText() + " → "
                                + e.path("outcome").asText() + ": " + e.path("result").asText());
                case "model_attempt_failed" -> span(html, e, "retry", at, at, "failed attempt: " + e.path("error").asText());
                default -> { }
            }
            if (type.equals("stopped") && !kind(e).equals("stopped")) {
                span(html, e, kind(e), at, at, e.path("status").asText() + ": " + e.path("reason").asText());
            }
        }
    }

    private void span(StringBuilder html, JsonNode e, String kind, Instant from, Instant to, String title) {
        double left = 100.0 * Math.max(0, Duration.between(start, from).toMillis()) / spanMillis;
        double width = 100.0 * Math.max(0, Duration.between(from, to).toMillis()) / spanMillis;
        html.append("<div class=\"span ").append(kind).append("\" data-type=\"").append(e.path("type").asText())
                .append(String.format(java.util.Locale.ROOT, "\" style=\"left:%.2f%%;width:%.2f%%\" title=\"", left,
                        Math.min(width, 100 - left)))
                .append(TracePage.escape(title)).append("\"></div>");
    }
}
