package dev.praxis.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The macro harness: S3 (concurrent sessions), idle-session heap, prompt tokens and cold
 * start, written as one JSON object of named figures for {@link Report}.
 *
 * <p>Usage: {@code Macro OUT.json SESSIONS ROUNDS COLD_REPEATS} with system properties
 * {@code bench.cp.praxis}, {@code bench.cp.langchain4j} (runtime classpaths) and
 * {@code bench.classes} (this module's classes directory).
 */
public final class Macro {

    private Macro() {
    }

    /** Runs every macro measurement and writes the JSON file. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: Macro OUT.json SESSIONS ROUNDS COLD_REPEATS");
        }
        Path output = Path.of(args[0]);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));

        step("prompt tokens");
        TokenHarness.measure(out);
        step("S3 concurrent sessions");
        new ScaleHarness(Integer.parseInt(args[1]), 20, Integer.parseInt(args[2])).measure(out);
        step("cold start");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        new ColdStartHarness(java, Path.of(require("bench.classes")), Integer.parseInt(args[3]))
                .measure(require("bench.cp.praxis"), require("bench.cp.langchain4j"), out);

        Files.createDirectories(output.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), out);
        step("wrote " + output);
    }

    private static String require(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + property + " is required");
        }
        return value;
    }

    private static void step(String what) {
        System.out.println("[macro] " + what);
    }
}
