package dev.praxis.eval;

import dev.praxis.env.JsonlFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvalSuiteTest {

    @Test
    void readsEveryCheckTypeFromJsonl(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("arith.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"id\":\"add\",\"input\":\"2+3?\",\"expected\":\"5\",\"checks\":[{\"type\":\"exact\"},"
                        + "{\"type\":\"tool_called\",\"tool\":\"add\",\"args\":{\"a\":2}}]}",
                "",
                "{\"input\":\"Capital?\",\"expected\":[\"Paris\",\"paris\"],\"checks\":[{\"type\":\"contains\",\"value\":\"Paris\",\"ignore_case\":true},"
                        + "{\"type\":\"regex\",\"pattern\":\"^P\\\\w+\"},{\"type\":\"json_path\",\"path\":\"$.a[0].b\",\"equals\":1},"
                        + "{\"type\":\"judge\",\"rubric\":\"names the capital\"}]}",
                "{\"id\":\"plain\",\"input\":\"hi\",\"expected\":\"hello\"}"));

        EvalSuite suite = EvalSuite.read(file);

        assertThat(suite.name()).isEqualTo("arith");
        assertThat(suite.cases()).extracting(EvalCase::id).containsExactly("add", "case-3", "plain");
        assertThat(suite.cases().get(0).checks()).containsExactly(new Check.Exact("5", false),
                new Check.ToolCalled("add", new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"a\":2}")));
        assertThat(suite.cases().get(1).references()).containsExactly("Paris", "paris");
        assertThat(suite.cases().get(1).checks()).extracting(Check::name)
                .containsExactly("contains", "regex", "json_path", "judge");
        assertThat(((Check.Judge) suite.cases().get(1).checks().get(3)).threshold()).isEqualTo(0.7);
        assertThat(suite.cases().get(2).checks()).containsExactly(new Check.Exact("hello", false));
    }

    @Test
    void namesTheLineAndProblemOfABadCase() {
        assertThatThrownBy(() -> parse("{\"input\":\"a\"}\n{\"input\":\"b\",\"checks\":[{\"type\":\"fuzzy\"}]}"))
                .isInstanceOf(JsonlFormatException.class).hasMessage("line 2: unknown check type 'fuzzy';"
                        + " expected exact, contains, regex, json_path, tool_called, judge or grounded");
        assertThatThrownBy(() -> parse("{\"id\":\"x\"}")).hasMessage("line 1: 'input' must be a string");
        assertThatThrownBy(() -> parse("{\"input\":\"a\",\"checks\":[{\"type\":\"regex\",\"pattern\":\"(\"}]}"))
                .hasMessageStartingWith("line 1: invalid regex");
        assertThatThrownBy(() -> parse("{\"input\":\"a\",\"checks\":[{\"type\":\"exact\"}]}"))
                .hasMessageContaining("needs a 'value' or the case's 'expected'");
        assertThatThrownBy(() -> parse("{\"input\":\"a\",\"checks\":[{\"type\":\"json_path\",\"path\":\"$..x\",\"equals\":1}]}"))
                .hasMessageContaining("unsupported JSON path '$..x'");
        assertThatThrownBy(() -> parse("{\"id\":\"a\",\"input\":\"1\"}\n{\"id\":\"a\",\"input\":\"2\"}"))
                .hasMessage("line 2: case id 'a' appears twice");
        assertThatThrownBy(() -> parse("{oops")).hasMessageStartingWith("line 1: not valid JSON");
        assertThatThrownBy(() -> parse("\n\n")).hasMessageContaining("no cases");
    }

    private static EvalSuite parse(String jsonl) {
        return EvalSuite.parse("s", new StringReader(jsonl));
    }
}
