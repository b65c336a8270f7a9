package dev.praxis.spring.example;

import dev.praxis.PublicJavadoc;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The example documents every public declaration, like every Praxis module: users copy it. */
class PublicApiTest {

    @Test
    void publicApiHasJavadoc() {
        PublicJavadoc.assertPublicApiDocumented(Path.of("src/main/java"));
    }
}
