package dev.praxis.store.postgres;

import dev.praxis.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/** This module uses no other Praxis module's {@code internal} packages. */
class InternalPackagesTest {

    @Test
    void usesNoOtherModulesInternalPackages() {
        ModuleBoundaries.assertUsesNoOtherModulesInternals(PostgresStore.class);
    }
}
