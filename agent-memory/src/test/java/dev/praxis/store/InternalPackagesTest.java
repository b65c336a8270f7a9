package dev.praxis.store;

import dev.praxis.ModuleBoundaries;
import dev.praxis.PublicJavadoc;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** This module uses no other Praxis module's {@code internal} packages, and documents its public API. */
class InternalPackagesTest {

    @Test
    void usesNoOtherModulesInternalPackages() {
        ModuleBoundaries.assertUsesNoOtherModulesInternals(SqliteStore.class);
    }

    @Test
    void publicApiHasJavadoc() {
        PublicJavadoc.assertPublicApiDocumented(Path.of("src/main/java"));
    }
}
