package dev.praxis.examples;

import dev.praxis.ModuleBoundaries;
import dev.praxis.PublicJavadoc;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** This module uses no other Praxis module's {@code internal} packages, and documents its public API. */
class InternalPackagesTest {

    @Test
    void usesNoOtherModulesInternalPackages() {
        ModuleBoundaries.assertUsesNoOtherModulesInternals(Arithmetic.class);
    }

    @Test
    void publicApiHasJavadoc() {
        PublicJavadoc.assertPublicApiDocumented(Path.of("src/main/java"));
    }
}
