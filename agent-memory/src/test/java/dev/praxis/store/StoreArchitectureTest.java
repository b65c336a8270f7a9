package dev.praxis.store;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Stores implement memory contracts and know nothing of the loop, teams, tools or test fakes. */
class StoreArchitectureTest {

    private static final JavaClasses STORES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.praxis.store");

    @Test
    void storesDependOnlyOnMemoryContracts() {
        noClasses().that().resideInAPackage("dev.praxis.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.praxis.agent..", "dev.praxis.team..",
                        "dev.praxis.tool..", "dev.praxis.tools..", "dev.praxis.testing..", "dev.praxis.examples..")
                .check(STORES);
    }

    @Test
    void storePackagesHaveNoCycles() {
        slices().matching("dev.praxis.store.(*)..").should().beFreeOfCycles().check(STORES);
    }
}
