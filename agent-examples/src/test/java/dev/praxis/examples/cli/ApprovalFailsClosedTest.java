package dev.praxis.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** An approval question that gets no clear "yes" refuses: silence is never consent. */
class ApprovalFailsClosedTest {

    private static final String REFUND = "this is ann@example.com\nplease refund order 1043\n";

    @TempDir
    Path data;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private String chat(InputStream in, String... extra) {
        var cli = PraxisCli.commandLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), in, Map.of());
        List<String> args = new ArrayList<>(List.of("--data-dir", data.toString(), "chat", "-e", "customer-service"));
        args.addAll(List.of(extra));
        assertThat(cli.execute(args.toArray(String[]::new))).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private String chat(String input) {
        return chat(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void endOfInputAtTheApprovalPromptRefusesTheRefund() {
        String out = chat(REFUND);

        assertThat(out).contains("[approval needed] Allow tool 'refund_order' (EXTERNAL)")
                .contains("[approval] refused: end of input")
                .doesNotContain("refunded 24.50 EUR").doesNotContain("stand-in");
    }

    @Test
    void anAnswerThatIsNeitherYesNorNoRefuses() {
        String out = chat(REFUND + "yolo\n/quit\n");

        assertThat(out).contains("[approval] refused: the answer was neither y nor n").doesNotContain("refunded 24.50 EUR");
    }

    @Test
    void noAnswerWithinTheTimeoutRefuses() throws Exception {
        var typing = new PipedOutputStream();
        var in = new PipedInputStream(typing);
        typing.write(REFUND.getBytes(StandardCharsets.UTF_8));
        typing.flush();
        var decided = new CountDownLatch(1);
        // the person never answers; once the approval is decided either way, they leave (end of input)
        Thread leave = new Thread(() -> {
            try {
                decided.await(60, TimeUnit.SECONDS);
                typing.close();
            } catch (InterruptedException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        leave.setDaemon(true);
        leave.start();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                if (line.contains("[approval]")) {
                    decided.countDown();
                }
            }
        };
        var cli = PraxisCli.commandLine(out, in, Map.of());

        assertThat(cli.execute("--data-dir", data.toString(), "chat", "-e", "customer-service",
                "--approval-timeout", "1")).isZero();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("[approval] refused: no answer within 1 s")
                .doesNotContain("refunded 24.50 EUR");
    }

    @Test
    void ctrlDAtTheApprovalPromptOfARealTerminalRefusesTheRefund() throws Exception {
        String out = throughTerminal("""
                [["you> ", "this is ann@example.com\\r"],
                 ["you> ", "please refund order 1043\\r"],
                 ["[y/N] ", "\\u0004"]]""");

        assertThat(out).contains("[approval needed] Allow tool 'refund_order' (EXTERNAL)")
                .contains("[approval] refused: end of input")
                .doesNotContain("refunded 24.50 EUR");
    }

    @Test
    void yesTypedAtARealTerminalApproves() throws Exception {
        String out = throughTerminal("""
                [["you> ", "this is ann@example.com\\r"],
                 ["you> ", "please refund order 1043\\r"],
                 ["[y/N] ", "y\\r"],
                 ["you> ", "/quit\\r"]]""");

        assertThat(out).contains("[approval] approved by you").contains("refunded 24.50 EUR for order 1043");
    }

    /** Runs {@code praxis chat -e customer-service} in a new JVM attached to a pseudo-terminal. */
    private String throughTerminal(String steps) throws Exception {
        assumeTrue(onPath("python3") || "true".equals(System.getenv("CI")), "python3 is needed to open a pseudo-terminal");
        Path script = data.resolve("terminal.py");
        try (InputStream in = getClass().getResourceAsStream("terminal.py")) {
            Files.copy(in, script);
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), steps,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-DOPT_OUT_TRACKING=true", "-Dai.djl.offline=true"));
        if (System.getProperty("praxis.models") != null) {
            command.add("-Dpraxis.models=" + System.getProperty("praxis.models"));
        }
        command.addAll(List.of(PraxisCli.class.getName(), "--data-dir", data.resolve("praxis").toString(),
                "chat", "-e", "customer-service"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        Process process = builder.start();
        byte[] shown = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String out = new String(shown, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
