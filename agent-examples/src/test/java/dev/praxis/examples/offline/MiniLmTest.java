package dev.praxis.examples.offline;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

class MiniLmTest {

    @TempDir
    Path folder;

    @Test
    void copiesAResourceOutOfItsJarOnceAndReusesTheCopy() throws Exception {
        Path first = MiniLm.file("all-minilm-l6-v2-tokenizer.json", folder);
        Files.setLastModifiedTime(first, FileTime.fromMillis(0));

        Path second = MiniLm.file("all-minilm-l6-v2-tokenizer.json", folder);

        assertThat(second).isEqualTo(first).hasParent(folder);
        assertThat(first.getFileName().toString()).matches("all-minilm-l6-v2-tokenizer-[0-9a-f]+\\.json");
        assertThat(Files.getLastModifiedTime(second).toMillis()).isZero();      // not written again
        assertThat(Files.readString(first)).contains("\"vocab\"");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(first);                             // no partial copies left
        }
    }

    @Test
    void aTruncatedCopyIsReplaced() throws Exception {
        Path copy = MiniLm.file("all-minilm-l6-v2-tokenizer.json", folder);
        long size = Files.size(copy);
        Files.write(copy, new byte[10]);

        assertThat(Files.size(MiniLm.file("all-minilm-l6-v2-tokenizer.json", folder))).isEqualTo(size);
    }

    @Test
    void theModelFromItsFileEmbedsExactlyLikeTheModelInTheJar() {
        String sentence = "Where is my parcel? It should have arrived on Tuesday.";

        float[] fromFile = MiniLm.embed(sentence).vector();
        float[] fromJar = new AllMiniLmL6V2EmbeddingModel().embed(sentence).content().vector();

        assertThat(MiniLm.model()).isNotInstanceOf(AllMiniLmL6V2EmbeddingModel.class);   // the file copy is in use
        assertThat(fromFile).containsExactly(fromJar);
    }
}
