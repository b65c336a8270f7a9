package dev.praxis.llm.local;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The GGUF rewriting fixture keeps every tensor byte and keeps the data section aligned. */
class GgufFixtureTest {

    @TempDir
    Path dir;

    @Test
    void addsAKeyAndCopiesTensorInfosAndDataVerbatim() throws Exception {
        Path source = TestModels.require(TestModels.LLAMA2_RANDOM);
        Path copy = GgufFixture.withString(source, dir.resolve("copy.gguf"), "general.description", "ünïcode ✓");

        GgufFixture.Layout before = GgufFixture.parse(Files.readAllBytes(source));
        byte[] written = Files.readAllBytes(copy);
        GgufFixture.Layout after = GgufFixture.parse(written);

        assertThat(after.entries()).hasSize(before.entries().size() + 1);
        assertThat(GgufFixture.strings(copy)).containsEntry("general.description", "ünïcode ✓")
                .containsAllEntriesOf(GgufFixture.strings(source));
        assertThat(after.tensorCount()).isEqualTo(before.tensorCount());
        assertThat(after.tensorInfos()).isEqualTo(before.tensorInfos());
        assertThat(after.dataStart() % after.alignment()).isZero();
        assertThat(after.dataStart()).isNotEqualTo(before.dataStart());
        byte[] original = Files.readAllBytes(source);
        assertThat(Arrays.copyOfRange(written, after.dataStart(), written.length))
                .isEqualTo(Arrays.copyOfRange(original, before.dataStart(), original.length));
    }

    @Test
    void replacingAKeyKeepsOneEntry() throws Exception {
        Path source = TestModels.require(TestModels.STORIES);
        Path once = GgufFixture.withString(source, dir.resolve("once.gguf"), "general.name", "first");
        Path twice = GgufFixture.withString(once, dir.resolve("twice.gguf"), "general.name", "second");

        assertThat(GgufFixture.parse(Files.readAllBytes(twice)).entries())
                .hasSameSizeAs(GgufFixture.parse(Files.readAllBytes(source)).entries());
        assertThat(GgufFixture.strings(twice)).containsEntry("general.name", "second");
    }

    @Test
    void aRewrittenModelGeneratesTheSameTextAsTheOriginal() throws Exception {
        Path source = TestModels.require(TestModels.STORIES);
        Path copy = GgufFixture.withString(source, dir.resolve("same.gguf"), "general.description", "a copy");
        ChatRequest tell = ChatRequest.builder().messages(UserMessage.from("Once upon a time")).maxOutputTokens(16)
                .build();

        GgufFiles.check(copy);
        try (LocalModel original = LocalModel.load(LocalOptions.of(source).withContextSize(128));
             LocalModel rewritten = LocalModel.load(LocalOptions.of(copy).withContextSize(128))) {
            assertThat(rewritten.chat(tell).aiMessage().text()).isNotBlank()
                    .isEqualTo(original.chat(tell).aiMessage().text());
        }
    }

    @Test
    void rejectsAFileThatIsNotGguf() {
        assertThatThrownBy(() -> GgufFixture.parse("GGML and more bytes than a header".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a GGUF");
    }
}
