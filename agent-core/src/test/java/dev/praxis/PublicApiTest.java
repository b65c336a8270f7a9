package dev.praxis;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** agent-core documents every public type (the other modules check the same in their InternalPackagesTest). */
class PublicApiTest {

    @Test
    void everyPublicTypeHasJavadoc() {
        PublicJavadoc.assertEveryPublicTypeDocumented(Path.of("src/main/java"));
    }
}
