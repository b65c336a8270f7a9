package dev.praxis;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** agent-core documents every public declaration (the other modules check the same in their own tests). */
class PublicApiTest {

    @Test
    void publicApiHasJavadoc() {
        PublicJavadoc.assertPublicApiDocumented(Path.of("src/main/java"));
    }
}
