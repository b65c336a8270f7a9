package dev.praxis.distributed;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Kafka stays in {@code dev.praxis.distributed} (its client is an optional dependency), and the
 * distributed package drives runs through the core's contracts only: the loop, the checkpoint
 * store interface, never a concrete store, tool or test fake.
 */
class DistributedArchitectureTest {

    private static final JavaClasses PRAXIS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.praxis");

    @Test
    void onlyTheDistributedPackageKnowsKafka() {
        noClasses().that().resideOutsideOfPackage("dev.praxis.distributed..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .check(PRAXIS);
    }

    @Test
    void distributedRunsUseTheCoreContractsNotConcreteStores() {
        noClasses().that().resideInAPackage("dev.praxis.distributed..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.praxis.store..", "dev.praxis.tools..",
                        "dev.praxis.testing..", "dev.praxis.team..", "dev.praxis.examples..")
                .check(PRAXIS);
    }

    @Test
    void storesDoNotKnowTheDistributedPackage() {
        noClasses().that().resideInAPackage("dev.praxis.store..")
                .should().dependOnClassesThat().resideInAPackage("dev.praxis.distributed..")
                .check(PRAXIS);
    }
}
