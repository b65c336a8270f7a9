package dev.praxis.testing.contract;

import dev.praxis.ModuleBoundaries;
import dev.praxis.PublicJavadoc;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** This module uses no other Praxis module's {@code internal} packages, and documents its public types. */
class InternalPackagesTest {

    @Test
    void usesNoOtherModulesInternalPackages() {
        ModuleBoundaries.assertUsesNoOtherModulesInternals(ToolContract.class);
    }

    @Test
    void everyPublicTypeHasJavadoc() {
        PublicJavadoc.assertEveryPublicTypeDocumented(Path.of("src/main/java"));
    }
}
