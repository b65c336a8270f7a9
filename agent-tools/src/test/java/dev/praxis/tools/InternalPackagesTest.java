package dev.praxis.tools;

import dev.praxis.ModuleBoundaries;
import dev.praxis.tools.math.MathTool;
import org.junit.jupiter.api.Test;

/** This module uses no other Praxis module's {@code internal} packages. */
class InternalPackagesTest {

    @Test
    void usesNoOtherModulesInternalPackages() {
        ModuleBoundaries.assertUsesNoOtherModulesInternals(MathTool.class);
    }
}
