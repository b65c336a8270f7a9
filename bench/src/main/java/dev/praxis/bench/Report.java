package dev.praxis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code RESULTS.md} from the JMH JSON, the macro JSON and the run's environment.
 *
 * <p>Usage: {@code Report JMH.json MACRO.json ENV.json S4.md OUT.md [FIXES.md]}; the S4 file may be
 * absent; the optional last file (the fixes made after profiling, with their before/after figures,
 * written by hand) is included as it is.
 */
public final class Report {

    private final JsonNode jmh;
    private final JsonNode macro;
    private final JsonNode env;
    private final StringBuilder md = new StringBuilder();

    private Report(JsonNode jmh, JsonNode macro, JsonNode env) {
        this.jmh = jmh;
        this.macro = macro;
        this.env = env;
    }

    /** Reads the inputs and writes the markdown report. */
    public static void main(String[] args) throws IOException {
        if (args.length != 5 && args.length != 6) {
            throw new IllegalArgumentException("usage: Report JMH.json MACRO.json ENV.json S4.md OUT.md [FIXES.md]");
        }
        ObjectMapper json = new ObjectMapper();
        Report report = new Report(json.readTree(Path.of(args[0]).toFile()), json.readTree(Path.of(args[1]).toFile()),
                json.readTree(Path.of(args[2]).toFile()));
        Path s4 = Path.of(args[3]);
        Path fixes = args.length == 6 ? Path.of(args[5]) : null;
        String text = report.render(Files.exists(s4) ? Files.readString(s4) : null,
                fixes != null && Files.exists(fixes) ? Files.readString(fixes) : null);
        Files.writeString(Path.of(args[4]), text);
    }

    private String render(String s4, String fixes) {
        Sections sections = new Sections(jmh, macro, md);
        line("# Praxis benchmarks: results");
        line("");
        line("Praxis `LlmAgent` against LangChain4j 1.19.0 `AiServices` with the same `@Tool` class, on the same");
        line("in-process scripted model (`ScriptedChatModel`), in the same run. Ratios are Praxis / LangChain4j:");
        line("below 1 means Praxis costs less. Written by `bench/run.sh`; do not edit by hand.");
        line("");
        environment();
        sections.twoStep();
        sections.history();
        sections.scale();
        sections.tokens();
        sections.coldStart();
        if (fixes != null) {
            line(fixes.strip());
            line("");
        }
        line("## S4 memory recall (agent-memory, issue 6)");
        line("");
        line(s4 == null
                ? "Not measured here: S4 belongs to the agent-memory benchmarks of issue 6, which had not landed"
                + " `bench/S4.md` or `bench/memory/RESULTS.md` when this report was written."
                : nested(s4.strip()));
        line("");
        return md.toString();
    }

    /** {@code markdown} with its headings two levels deeper, so an included file's title sits under ours. */
    static String nested(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        for (String l : markdown.split("\n", -1)) {
            if (l.startsWith("```")) {
                fenced = !fenced;
            }
            out.append(!fenced && l.matches("#{1,4} .*") ? "##" + l : l).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private void environment() {
        line("## Run");
        line("");
        line("| | |");
        line("|---|---|");
        row("command", "`" + env.path("command").asText() + "`");
        row("mode", env.path("mode").asText());
        row("date (UTC)", env.path("date").asText());
        row("JDK", macro.path("jdk").asText() + " (`" + env.path("javaHome").asText() + "`)");
        row("machine", env.path("cpu").asText() + ", " + env.path("cores").asText() + " cores, "
                + env.path("memory").asText() + ", " + env.path("os").asText());
        row("load average (1, 5, 15 min)", "before: " + env.path("loadBefore").asText() + "; after JMH: "
                + env.path("loadMiddle").asText() + "; after all: " + env.path("loadAfter").asText());
        row("JMH", env.path("jmhArgs").asText());
        line("");
        line("The machine is shared (2 cores, other builds running): the load average above says how quiet it was.");
        line("JMH error columns are 99.9% confidence intervals.");
        line("");
    }

    private void line(String text) {
        md.append(text).append('\n');
    }

    private void row(String name, String value) {
        line("| " + name + " | " + value + " |");
    }

    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
