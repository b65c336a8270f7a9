package dev.praxis.examples.cli;

import dev.praxis.examples.offline.OfflineLlm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PraxisCliTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

    private int praxis(String input, String... args) {
        var cli = PraxisCli.commandLine(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), Map.of());
        cli.setErr(new java.io.PrintWriter(errors, true, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(praxis("", "--help")).isZero();

        assertThat(out()).contains("Usage: praxis").contains("run").contains("chat").contains("tools");
    }

    @Test
    void runPrintsWhichModelAnswersThenTheExample() {
        assertThat(praxis("", "run", "quickstart")).isZero();

        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).startsWith("=== quickstart");
        assertThat(lines.get(1)).startsWith("Model: " + OfflineLlm.LABEL);
        assertThat(out()).contains("A: " + OfflineLlm.LABEL + " the multiply tool says: 7006652");
    }

    @Test
    void unknownExampleIsAUsageErrorNamingTheChoices() {
        assertThat(praxis("", "run", "nope")).isEqualTo(2);

        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("unknown example 'nope'; choose one of: quickstart");
    }

    @Test
    void toolsListsEachToolWithItsSideEffect() {
        assertThat(praxis("", "tools", "quickstart")).isZero();

        assertThat(out()).containsPattern("quickstart +multiply +READ_ONLY +Multiplies two numbers");
    }

    @Test
    void chatStreamsAnswersAndRemembersTheConversation() {
        assertThat(praxis("what is 6 times 7\nmultiply 5\nby 3\n/quit\n", "chat")).isZero();

        assertThat(out()).contains("you> ")
                .contains("praxis> " + OfflineLlm.LABEL + " the multiply tool says: 42")
                .contains("    -> multiply {\"a\":6,\"b\":7}")
                .contains("praxis> " + OfflineLlm.LABEL + " to use multiply I still need b")
                .contains("the multiply tool says: 15");
    }

    @Test
    void chatAsksThePersonAtTheKeyboardToApproveARefund() {
        assertThat(praxis("this is ann@example.com\nplease refund order 1043\ny\n/quit\n", "chat", "-e", "customer-service"))
                .isZero();

        assertThat(out()).contains("[approval needed] Allow tool 'refund_order' (EXTERNAL)")
                .contains("[approval] approved by you")
                .contains("refunded 24.50 EUR for order 1043");
    }

    @Test
    void chatWithAnExampleThatIsNoConversationSaysSo() {
        assertThat(praxis("", "chat", "-e", "nope")).isEqualTo(2);
    }

    @Test
    void evalRunsASuiteFileAndNamesTheReport() throws Exception {
        Path suite = data.resolve("suite.jsonl");
        java.nio.file.Files.writeString(suite, "{\"id\": \"m\", \"input\": \"3 times 4\", \"checks\": "
                + "[{\"type\": \"contains\", \"value\": \"12\"}]}\n");

        assertThat(praxis("", "eval", suite.toString())).isZero();

        assertThat(out()).contains("] 1/1").contains("pass  m").contains("report: ");
    }

    @Test
    void evalOfABadSuiteFailsNamingTheLine() throws Exception {
        Path suite = data.resolve("bad.jsonl");
        java.nio.file.Files.writeString(suite, "{\"id\": \"x\"}\n");

        assertThat(praxis("", "eval", suite.toString())).isEqualTo(1);

        assertThat(errors.toString(StandardCharsets.UTF_8)).startsWith("praxis: ").contains("line 1");
    }

    @Test
    void withoutACommandRunsEveryExample() {
        assertThat(praxis("")).isZero();

        assertThat(out()).contains("=== quickstart").contains("=== finance-monitor").contains("Ran ");
    }
}
