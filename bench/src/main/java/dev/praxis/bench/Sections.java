package dev.praxis.bench;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.praxis.bench.Report.fmt;

/** The scenario tables of {@link Report}. */
final class Sections {

    private final JsonNode jmh;
    private final JsonNode macro;
    private final StringBuilder md;

    Sections(JsonNode jmh, JsonNode macro, StringBuilder md) {
        this.jmh = jmh;
        this.macro = macro;
        this.md = md;
    }

    void twoStep() {
        line("## S1 two-step tool run (tool call, tool, final answer)");
        line("");
        line("| per run | Praxis | LangChain4j | ratio | target | met |");
        line("|---|---|---|---|---|---|");
        JsonNode p = bench("TwoStepRunBenchmark.praxis", null);
        JsonNode l = bench("TwoStepRunBenchmark.langchain4j", null);
        compare("time (µs)", time(p), time(l), timeError(p), timeError(l), 1 / 3.0, "≤ 1/3");
        compare("allocated (bytes)", alloc(p), alloc(l), allocError(p), allocError(l), 1 / 3.0, "≤ 1/3");
        JsonNode i = bench("TwoStepRunBenchmark.praxisInline", null);
        if (i != null) {
            compare("time, tools inline as in LangChain4j (µs)", time(i), time(l), timeError(i), timeError(l), 1 / 3.0,
                    "≤ 1/3");
            compare("allocated, tools inline as in LangChain4j (bytes)", alloc(i), alloc(l), allocError(i),
                    allocError(l), 1 / 3.0, "≤ 1/3");
        }
        line("");
        line("Two configurations, each judged against the target. The default hands each tool call to a framework"
                + " thread so that a call still running at its deadline is abandoned, never interrupted (the run"
                + " contract, docs/guarantees.md); LangChain4j runs a tool on the caller's thread with no deadline."
                + " The like-for-like rows opt the calculator in to running on the run's thread too"
                + " (`inlineCalls(\"add\")`, docs/tools.md), which gives up abandoning a call that never returns."
                + " The difference between the two is what the default's guarantee costs per call.");
        line("");
    }

    void history() {
        line("## S2 the same run with prior messages in memory");
        line("");
        line("Each library keeps a message window of the history's size, so every run sees that much history.");
        line("");
        line("| prior messages | Praxis µs | LangChain4j µs | Praxis bytes | LangChain4j bytes |");
        line("|---|---|---|---|---|");
        int[] sizes = {10, 100, 1000};
        for (int size : sizes) {
            JsonNode p = bench("HistoryBenchmark.praxis", size);
            JsonNode l = bench("HistoryBenchmark.langchain4j", size);
            line("| " + size + " | " + fmt(time(p)) + " ± " + fmt(timeError(p)) + " | " + fmt(time(l)) + " ± "
                    + fmt(timeError(l)) + " | " + fmt(alloc(p)) + " | " + fmt(alloc(l)) + " |");
        }
        line("");
        line("Cost each prior message adds to a run (slope from 10 to 1,000 messages):");
        line("");
        line("| slope | Praxis | LangChain4j | ratio | target | met |");
        line("|---|---|---|---|---|---|");
        JsonNode p10 = bench("HistoryBenchmark.praxis", 10);
        JsonNode p1k = bench("HistoryBenchmark.praxis", 1000);
        JsonNode l10 = bench("HistoryBenchmark.langchain4j", 10);
        JsonNode l1k = bench("HistoryBenchmark.langchain4j", 1000);
        compare("time per message (ns)", (time(p1k) - time(p10)) * 1000 / 990, (time(l1k) - time(l10)) * 1000 / 990,
                Double.NaN, Double.NaN, 1 / 5.0, "≤ 1/5");
        compare("bytes per message", (alloc(p1k) - alloc(p10)) / 990, (alloc(l1k) - alloc(l10)) / 990,
                Double.NaN, Double.NaN, 1 / 5.0, "≤ 1/5");
        line("");
    }

    void scale() {
        line("## S3 " + macro.path("s3.sessions").asInt() + " concurrent sessions × " + macro.path("s3.modelTurns").asInt()
                + " model turns, " + macro.path("s3.latencyMs").asInt() + " ms model latency, virtual threads");
        line("");
        double sleep = macro.path("s3.sleepOnly.wallMs").asDouble();
        double p = macro.path("s3.praxis.wallMs").asDouble();
        double l = macro.path("s3.langchain4j.wallMs").asDouble();
        line("Median of " + macro.path("s3.rounds").asInt() + " rounds; each round runs the four subjects one after"
                + " the other. Ideal wall time: " + macro.path("s3.modelTurns").asInt() * macro.path("s3.latencyMs").asInt()
                + " ms.");
        line("");
        double inl = macro.path("s3.praxisInline.wallMs").asDouble();
        line("| | sleep only | Praxis | LangChain4j | ratio | target | met | Praxis, tools inline | its ratio | met |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        line("| wall time (ms) | " + fmt(sleep) + " | " + fmt(p) + " | " + fmt(l) + " | | | | " + fmt(inl) + " | | |");
        double ratio = (p - sleep) / (l - sleep);
        double inlineRatio = (inl - sleep) / (l - sleep);
        line("| above sleep only (ms) | 0 | " + fmt(p - sleep) + " | " + fmt(l - sleep) + " | " + fmt(ratio)
                + " | ≤ 1/4 | " + met(ratio, 0.25) + " | " + fmt(inl - sleep) + " | " + fmt(inlineRatio) + " | "
                + met(inlineRatio, 0.25) + " |");
        double cs = macro.path("s3.sleepOnly.cpuMs").asDouble();
        double cp = macro.path("s3.praxis.cpuMs").asDouble();
        double cl = macro.path("s3.langchain4j.cpuMs").asDouble();
        double ci = macro.path("s3.praxisInline.cpuMs").asDouble();
        line("| process CPU time (ms, all threads incl. GC) | " + fmt(cs) + " | " + fmt(cp) + " | " + fmt(cl) + " | "
                + fmt((cp - cs) / (cl - cs)) + " | | | " + fmt(ci) + " | " + fmt((ci - cs) / (cl - cs)) + " | |");
        line("| peak heap above idle (MB) | " + fmt(macro.path("s3.sleepOnly.peakHeapMb").asDouble()) + " | "
                + fmt(macro.path("s3.praxis.peakHeapMb").asDouble()) + " | "
                + fmt(macro.path("s3.langchain4j.peakHeapMb").asDouble()) + " | | | | "
                + fmt(macro.path("s3.praxisInline.peakHeapMb").asDouble()) + " | | |");
        line("");
        line("All rounds (ms): sleep only " + macro.path("s3.sleepOnly.wallMsAll") + ", Praxis "
                + macro.path("s3.praxis.wallMsAll") + ", LangChain4j " + macro.path("s3.langchain4j.wallMsAll")
                + ", Praxis inline opt-in " + macro.path("s3.praxisInline.wallMsAll") + ".");
        line("The target is judged on both Praxis columns: the default, where each tool call is handed to a framework"
                + " thread so it can be abandoned at its deadline, and the like-for-like one, where the calculator runs"
                + " on the session's thread as LangChain4j's tools do (`inlineCalls(\"add\")`, docs/tools.md).");
        line("Peak heap is the largest heap use sampled every millisecond, minus the settled heap before the round."
                + " The CPU ratio is of the CPU time above sleep only: on a shared machine it is steadier than wall time.");
        line("");
        double floor = macro.path("idle.messagesOnly.bytesPerSession").asDouble();
        double pi = macro.path("idle.praxis.bytesPerSession").asDouble();
        double li = macro.path("idle.langchain4j.bytesPerSession").asDouble();
        line("Heap retained per idle session after its five-turn task (settled heap with the sessions held, minus"
                + " without), next to the same ten messages kept in a plain `HashMap<String, List<ChatMessage>>`:");
        line("");
        line("| per idle session (bytes) | messages only | Praxis | LangChain4j | target | met |");
        line("|---|---|---|---|---|---|");
        line("| retained | " + fmt(floor) + " | " + fmt(pi) + " | " + fmt(li) + " | | |");
        line("| above the messages themselves | 0 | " + fmt(pi - floor) + " | " + fmt(li - floor) + " | ≤ 1,024 | "
                + (pi - floor <= 1024 ? "yes" : "no") + " |");
        line("");
    }

    void tokens() {
        line("## Prompt tokens sent per task (" + macro.path("tokens.encoding").asText() + ", jtokkit)");
        line("");
        line("Every request of the task rendered as a chat-completions request (messages, tool calls, tool"
                + " definitions) and counted; same renderer for both.");
        line("");
        line("| task | Praxis | LangChain4j | ratio | target | met |");
        line("|---|---|---|---|---|---|");
        for (String task : new String[] {"s1", "s3"}) {
            double p = macro.path("tokens." + task + ".praxis").asDouble();
            double l = macro.path("tokens." + task + ".langchain4j").asDouble();
            String name = task.equals("s1") ? "S1 (2 requests)" : "S3 task (5 requests, in a session)";
            line("| " + name + " | " + fmt(p) + " | " + fmt(l) + " | " + fmt(p / l) + " | ≤ 1 | " + met(p / l, 1) + " |");
        }
        line("");
    }

    void coldStart() {
        line("## Cold start and runtime classpath");
        line("");
        line("A new JVM with only the library's runtime classpath (plus the bench classes) until it prints the S1"
                + " answer; median of " + macro.path("cold.repeats").asInt() + " alternating starts.");
        line("");
        line("| | Praxis | LangChain4j | ratio |");
        line("|---|---|---|---|");
        double pc = macro.path("cold.praxis.ms").asDouble();
        double lc = macro.path("cold.langchain4j.ms").asDouble();
        line("| JVM start → first answer (ms) | " + fmt(pc) + " | " + fmt(lc) + " | " + fmt(pc / lc) + " |");
        // CPU (every thread) and classes move much less than wall time on a machine shared with other work
        double pu = macro.path("cold.praxis.cpu.ms").asDouble();
        double lu = macro.path("cold.langchain4j.cpu.ms").asDouble();
        line("| CPU until the answer (ms, user + sys) | " + fmt(pu) + " | " + fmt(lu) + " | " + fmt(pu / lu) + " |");
        double pn = macro.path("cold.praxis.classes").asDouble();
        double ln = macro.path("cold.langchain4j.classes").asDouble();
        line("| classes loaded | " + fmt(pn) + " | " + fmt(ln) + " | " + fmt(pn / ln) + " |");
        double pb = macro.path("classpath.praxis.bytes").asDouble() / (1024 * 1024);
        double lb = macro.path("classpath.langchain4j.bytes").asDouble() / (1024 * 1024);
        line("| runtime classpath (MB) | " + fmt(pb) + " | " + fmt(lb) + " | " + fmt(pb / lb) + " |");
        line("| jars | " + macro.path("classpath.praxis.jars").asInt() + " | "
                + macro.path("classpath.langchain4j.jars").asInt() + " | |");
        line("");
        line("Praxis: " + macro.path("classpath.praxis.names") + ". LangChain4j: "
                + macro.path("classpath.langchain4j.names") + ".");
        line("");
    }

    private void compare(String name, double p, double l, double pe, double le, double target, String targetText) {
        double ratio = p / l;
        line("| " + name + " | " + fmt(p) + (Double.isNaN(pe) ? "" : " ± " + fmt(pe)) + " | " + fmt(l)
                + (Double.isNaN(le) ? "" : " ± " + fmt(le)) + " | " + fmt(ratio) + " | " + targetText + " | "
                + met(ratio, target) + " |");
    }

    private static String met(double ratio, double target) {
        return Double.isNaN(ratio) ? "n/a" : ratio <= target ? "yes" : "**no**";
    }

    private JsonNode bench(String suffix, Integer history) {
        for (JsonNode run : jmh) {
            boolean sameParam = history == null || run.path("params").path("history").asInt() == history;
            if (run.path("benchmark").asText().endsWith(suffix) && sameParam) {
                return run;
            }
        }
        return null;
    }

    private static double time(JsonNode run) {
        return run == null ? Double.NaN : run.path("primaryMetric").path("score").asDouble();
    }

    private static double timeError(JsonNode run) {
        return run == null ? Double.NaN : run.path("primaryMetric").path("scoreError").asDouble();
    }

    private static double alloc(JsonNode run) {
        return run == null ? Double.NaN : run.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble();
    }

    private static double allocError(JsonNode run) {
        return run == null ? Double.NaN
                : run.path("secondaryMetrics").path("gc.alloc.rate.norm").path("scoreError").asDouble();
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
