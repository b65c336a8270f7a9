package dev.praxis.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@link EventLog} file into one self-contained HTML page (no scripts, styles or
 * fonts from elsewhere): a summary, the team graph when the log has one, a timeline with one
 * lane per agent (runs, model calls, tool calls, approvals, guardrail trips, retried model
 * attempts) and, per run, every step with its tokens, cost, latency, tool arguments and
 * results. Everything from the log is HTML-escaped, so a hostile tool result cannot inject
 * markup. Stateless and thread-safe.
 */
public final class TracePage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TracePage() {
    }

    /**
     * The page for the event log {@code file}.
     *
     * @throws IllegalArgumentException naming the line when a line is not JSON or has a schema
     *                                  version newer than {@value EventLog#SCHEMA_VERSION}
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static String render(Path file) {
        try {
            return render(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event log " + file, e);
        }
    }

    /** The page titled {@code title} for the event log {@code lines}; blank lines are skipped. */
    public static String render(String title, List<String> lines) {
        List<JsonNode> events = parse(lines);
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Praxis trace: ")
                .append(escape(title)).append("</title><style>").append(STYLE).append("</style></head><body>")
                .append("<h1>Praxis trace: ").append(escape(title)).append("</h1>");
        summary(html, events);
        events.stream().filter(e -> e.path("type").asText().equals("team")).reduce((a, b) -> b).ifPresent(team ->
                html.append("<section id=\"team\"><h2>Team ").append(escape(team.path("name").asText())).append("</h2>")
                        .append(TeamGraph.parse(team.path("mermaid").asText()).svg()).append("</section>"));
        new Timeline(events).render(html);
        runs(html, events);
        return html.append("</body></html>").toString();
    }

    private static List<JsonNode> parse(List<String> lines) {
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("event log line " + (i + 1) + " is not JSON: " + e.getOriginalMessage());
            }
            if (!node.isObject() || node.path("v").asInt(0) < 1 || node.path("v").asInt() > EventLog.SCHEMA_VERSION) {
                throw new IllegalArgumentException("event log line " + (i + 1) + " is not a Praxis event of schema version 1.."
                        + EventLog.SCHEMA_VERSION);
            }
            events.add(node);
        }
        return events;
    }

    private static void summary(StringBuilder html, List<JsonNode> events) {
        long in = 0;
        long out = 0;
        BigDecimal cost = BigDecimal.ZERO;
        int models = 0;
        int tools = 0;
        int retries = 0;
        Map<String, String> ends = new LinkedHashMap<>();
        for (JsonNode e : events) {
            switch (e.path("type").asText()) {
                case "model_called" -> {
                    models++;
                    in += e.path("input_tokens").asLong();
                    out += e.path("output_tokens").asLong();
                    cost = cost.add(new BigDecimal(e.path("cost").asText("0")));
                }
                case "tool_finished" -> tools++;
                case "model_attempt_failed" -> retries++;
                case "completed", "stopped" -> ends.put(e.path("run").asText(), e.path("status").asText());
                default -> { }
            }
        }
        html.append("<section id=\"summary\"><dl>")
                .append(item("runs", String.valueOf(ends.size()))).append(item("model calls", String.valueOf(models)))
                .append(item("tokens", in + " in / " + out + " out")).append(item("cost", cost.toPlainString()))
                .append(item("tool calls", String.valueOf(tools))).append(item("failed model attempts", String.valueOf(retries)))
                .append(item("outcomes", String.join(", ", ends.values())))
                .append("</dl></section>");
    }

    private static String item(String name, String value) {
        return "<div><dt>" + escape(name) + "</dt><dd>" + escape(value) + "</dd></div>";
    }

    private static void runs(StringBuilder html, List<JsonNode> events) {
        html.append("<section id=\"runs\"><h2>Runs</h2>");
        Map<String, List<JsonNode>> byRun = new LinkedHashMap<>();
        events.stream().filter(e -> e.has("run")).forEach(e -> byRun.computeIfAbsent(e.path("run").asText(),
                k -> new ArrayList<>()).add(e));
        byRun.forEach((run, list) -> {
            html.append("<details class=\"run\" open data-run=\"").append(escape(run)).append("\"><summary>")
                    .append(escape(list.get(0).path("agent").asText())).append(" · run ").append(escape(run))
                    .append("</summary><table><tr><th>step</th><th>what</th><th>detail</th><th>tokens</th><th>cost</th>"
                            + "<th>ms</th></tr>");
            list.forEach(e -> row(html, e));
            html.append("</table></details>");
        });
        html.append("</section>");
    }

    private static void row(StringBuilder html, JsonNode e) {
        String type = e.path("type").asText();
        String detail = switch (type) {
            case "run_started" -> "input: " + e.path("input").asText();
            case "model_called" -> e.path("tool_calls").size() > 0 ? "calls " + calls(e.path("tool_calls"))
                    : "answer: " + e.path("text").asText();
            case "tool_started" -> e.path("call").path("name").asText() + " " + e.path("call").path("arguments").asText();
            case "tool_finished" -> e.path("call").path("name").asText() + " → " + e.path("outcome").asText() + ": "
                    + e.path("result").asText();
            case "tool_abandoned" -> e.path("call").path("name").asText() + " abandoned: " + e.path("reason").asText();
            case "model_attempt_failed" -> e.path("error").asText() + (e.path("retriable").asBoolean() ? " (retried)" : "");
            case "completed", "stopped" -> e.path("status").asText() + " - " + e.path("reason").asText()
                    + (e.path("output").asText().isEmpty() ? "" : "; output: " + e.path("output").asText());
            case "perceived" -> e.path("messages").asInt() + " messages, " + e.path("tools").asInt() + " tools";
            default -> "";
        };
        boolean model = type.equals("model_called");
        html.append("<tr class=\"").append(Timeline.kind(e)).append("\"><td>").append(e.has("step") ? e.path("step").asInt() : "")
                .append("</td><td>").append(escape(type)).append("</td><td class=\"detail\">").append(escape(detail))
                .append("</td><td>").append(model || type.equals("completed") || type.equals("stopped")
                        ? e.path("input_tokens").asLong() + "/" + e.path("output_tokens").asLong() : "")
                .append("</td><td>").append(model ? escape(e.path("cost").asText()) : "").append("</td><td>")
                .append(model ? e.path("latency_ms").asLong() : e.has("duration_ms") ? e.path("duration_ms").asLong() : "")
                .append("</td></tr>");
    }

    private static String calls(JsonNode calls) {
        List<String> each = new ArrayList<>();
        calls.forEach(c -> each.add(c.path("name").asText() + " " + c.path("arguments").asText()));
        return String.join("; ", each);
    }

    static Instant time(JsonNode e) {
        return Instant.parse(e.path("ts").asText());
    }

    /** {@code text} safe inside HTML text and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = "body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}"
            + "#summary dl{display:flex;flex-wrap:wrap;gap:1.5em}#summary dt{color:#666;font-size:12px}"
            + "#summary dd{margin:0;font-weight:600}.lane{display:flex;align-items:center;margin:4px 0}"
            + ".lane-name{width:140px;font-weight:600;overflow:hidden}.track{position:relative;flex:1;height:28px;"
            + "background:#f4f4f4;border-radius:4px}.span{position:absolute;height:100%;border-radius:3px;opacity:.85;"
            + "min-width:3px}.span.run{background:#dde7f5;height:100%}.span.model{background:#4a6fa5;top:4px;height:10px}"
            + ".span.tool{background:#5a9e6f;top:15px;height:10px}.span.approval{background:#e0a030;top:15px;height:10px}"
            + ".span.guardrail{background:#c0392b;height:100%}.span.retry{background:#e67e22;top:0;height:28px;width:4px}"
            + "table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border-bottom:1px solid #eee;padding:3px 6px;"
            + "text-align:left;vertical-align:top}td.detail{white-space:pre-wrap;word-break:break-word;max-width:60em}"
            + "tr.guardrail td,tr.stopped td{color:#c0392b}tr.approval td{color:#b07000}tr.retry td{color:#e67e22}"
            + ".legend span{display:inline-block;margin-right:1em}";
}
