package dev.praxis.spring;

import dev.praxis.PublicJavadoc;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The auto-configuration documents every public declaration, like every Praxis module. */
class PublicApiTest {

    @Test
    void publicApiHasJavadoc() {
        PublicJavadoc.assertPublicApiDocumented(Path.of("src/main/java"));
    }
}
