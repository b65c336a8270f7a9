package dev.praxis.store;

import dev.praxis.ModuleBoundaries;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;

/** This module uses no other Praxis module's {@code internal} packages. */
class InternalPackagesTest {

    @Test
    void usesNoOtherModulesInternalPackages() {
        ModuleBoundaries.assertUsesNoOtherModulesInternals(SqliteStore.class);
    }
}
