package dev.praxis.tools.files;

import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FileToolsTest {

    @TempDir
    Path tmp;
    Path root;
    Path outside;
    Toolbox toolbox;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "TOP SECRET");
        Files.createDirectories(root.resolve("notes/deep"));
        Files.writeString(root.resolve("notes/todo.txt"), "buy milk\ncall Alice\n");
        Files.writeString(root.resolve("notes/deep/plan.md"), "# Plan\nAlice brings cake\n");
        Files.createSymbolicLink(root.resolve("out-dir"), outside);
        Files.createSymbolicLink(root.resolve("out-file"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("zero"), Path.of("/dev/zero"));
        Files.createSymbolicLink(root.resolve("inner-link"), root.resolve("notes/todo.txt"));
        Files.write(root.resolve("big.txt"), new byte[2048]);
        Files.write(root.resolve("binary.bin"), new byte[] {1, 0, 2});
        toolbox = Toolbox.of(FileTools.builder(root).maxReadBytes(1024).maxWriteBytes(1024).build());
    }

    private ToolResult call(String tool, String field, String value) {
        return call(tool, instance.objectNode().put(field, value).toString());
    }

    private ToolResult call(String tool, String json) {
        return toolbox.execute(new ToolCall("1", tool, json), ToolContext.NONE);
    }

    @Test
    void readsListsSearchesAndWritesInsideTheRoot() throws IOException {
        assertThat(call("read_file", "path", "notes/todo.txt")).isEqualTo(ToolResult.ok("buy milk\ncall Alice\n"));
        assertThat(call("read_file", "path", "inner-link").text()).startsWith("buy milk");
        assertThat(call("list_files", "{\"path\":\"notes\",\"recursive\":true}").text())
                .isEqualTo("dir  notes/deep\nfile 25 notes/deep/plan.md\nfile 20 notes/todo.txt");
        assertThat(call("list_files", "{}").text()).contains("link out-dir", "dir  notes", "file 2048 big.txt");
        assertThat(call("search_files", "text", "alice").text())
                .isEqualTo("notes/deep/plan.md:2: Alice brings cake\nnotes/todo.txt:2: call Alice");

        ToolResult written = call("write_file", "{\"path\":\"out/new/report.txt\",\"content\":\"héllo\"}");

        assertThat(written.text()).isEqualTo("wrote 6 bytes to out/new/report.txt");
        assertThat(Files.readString(root.resolve("out/new/report.txt"), StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(call("write_file", "{\"path\":\"notes/todo.txt\",\"content\":\"replaced\"}")).isInstanceOf(ToolResult.Ok.class);
        assertThat(Files.readString(root.resolve("notes/todo.txt"))).isEqualTo("replaced");
        try (Stream<Path> left = Files.list(root.resolve("notes"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    static Stream<String[]> hostileReads() {
        return Stream.of(
                new String[] {"../outside/secret.txt", "'..'"},
                new String[] {"notes/../../outside/secret.txt", "'..'"},
                new String[] {"./../outside/secret.txt", "'..'"},
                new String[] {"notes/deep/../../../outside/secret.txt", "'..'"},
                new String[] {"..", "'..'"},
                new String[] {"/etc/passwd", "absolute"},
                new String[] {"//etc/passwd", "absolute"},
                new String[] {"~/.ssh/id_rsa", "absolute"},
                new String[] {"..\\..\\outside\\secret.txt", "backslash"},
                new String[] {"notes\\..\\..\\x", "backslash"},
                new String[] {"C:/Windows/win.ini", "drive path or URL"},
                new String[] {"file:///etc/passwd", "drive path or URL"},
                new String[] {"notes/todo.txt\u0000.png", "control character"},
                new String[] {"notes/\n../x", "control character"},
                new String[] {"out-dir/secret.txt", "outside the sandbox through a symbolic link"},
                new String[] {"out-file", "outside the sandbox through a symbolic link"},
                new String[] {"zero", "outside the sandbox through a symbolic link"},
                new String[] {"big.txt", "above the read limit"},
                new String[] {"binary.bin", "binary file"},
                new String[] {"notes", "is a directory"},
                new String[] {"", "empty"},
                new String[] {"a/".repeat(600), "longer than 1024"},
                new String[] {"missing.txt", "does not exist"});
    }

    @ParameterizedTest(name = "read refuses {0}")
    @MethodSource("hostileReads")
    void refusesHostileReadPaths(String path, String reason) {
        ToolResult result = call("read_file", "path", path);

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.text()).contains(reason).doesNotContain("TOP SECRET");
    }

    static Stream<String[]> hostileWrites() {
        return Stream.of(
                new String[] {"../outside/pwned.txt", "'..'"},
                new String[] {"/tmp/pwned.txt", "absolute"},
                new String[] {"out-dir/pwned.txt", "outside the sandbox through a symbolic link"},
                new String[] {"out-dir/new/deeper/pwned.txt", "outside the sandbox through a symbolic link"},
                new String[] {"out-file", "symbolic link"},
                new String[] {"inner-link", "symbolic link"},
                new String[] {"notes", "not a regular file"},
                new String[] {".", "sandbox root"});
    }

    @ParameterizedTest(name = "write refuses {0}")
    @MethodSource("hostileWrites")
    void refusesHostileWritePaths(String path, String reason) throws IOException {
        ToolResult result = call("write_file", instance.objectNode().put("path", path).put("content", "pwned").toString());

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.text()).contains(reason);
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("TOP SECRET");
        try (Stream<Path> files = Files.walk(outside)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).doesNotContain("pwned.txt");
        }
    }

    @Test
    void refusesOversizeWriteAndSpecialFiles() throws Exception {
        assertThat(call("write_file", instance.objectNode().put("path", "x.txt").put("content", "x".repeat(2000)).toString())
                .text()).contains("above the write limit of 1024");
        assertThat(root.resolve("x.txt")).doesNotExist();
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return;
        }
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(call("read_file", "path", "pipe").text()).contains("not a regular file");
        assertThat(call("list_files", "{}").text()).contains("special pipe");
    }

    @Test
    void searchNeverFollowsLinksOutOfTheRoot() {
        assertThat(call("search_files", "text", "SECRET").text()).isEqualTo("no matches for 'SECRET'");
        assertThat(call("search_files", "{\"text\":\"x\",\"path\":\"out-dir\"}").text())
                .contains("outside the sandbox through a symbolic link");
    }

    @Test
    void readOnlyBuilderLeavesOutWrite() {
        assertThat(Toolbox.of(FileTools.builder(root).readOnly().build()).specs())
                .extracting(s -> s.name()).containsExactly("read_file", "list_files", "search_files");
        assertThat(List.of(FileTools.sandboxedAt(root).get(3).sideEffect().name())).containsExactly("WRITE");
    }
}
