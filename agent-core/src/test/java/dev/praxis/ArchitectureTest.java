package dev.praxis;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the package dependency direction of DESIGN.md: llm, tool, memory below agent; agent below team. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.praxis");

    @Test
    void modelSeamDependsOnNoOtherPraxisConcept() {
        noClasses().that().resideInAPackage("dev.praxis.llm..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.praxis.tool..", "dev.praxis.memory..", "dev.praxis.agent..", "dev.praxis.team..",
                        "dev.praxis.state..", "dev.praxis.guard..", "dev.praxis.testing..")
                .check(CORE);
    }

    @Test
    void optionalProviderModulesAreTouchedOnlyByTheirFactories() {
        noClasses().that().resideOutsideOfPackage("dev.praxis.llm.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.langchain4j.model.openai..",
                        "dev.langchain4j.model.anthropic..", "dev.langchain4j.model.ollama..",
                        "dev.langchain4j.model.googleai..")
                .check(CORE);
        noClasses().that().resideOutsideOfPackage("dev.praxis.llm.local..")
                .should().dependOnClassesThat().resideInAPackage("de.kherud.llama..")
                .check(CORE);
    }

    @Test
    void toolsAndMemoryDoNotKnowTheLoop() {
        noClasses().that().resideInAnyPackage("dev.praxis.tool..", "dev.praxis.memory..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.praxis.agent..", "dev.praxis.team..", "dev.praxis.testing..")
                .check(CORE);
    }

    @Test
    void memoryDoesNotKnowTools() {
        noClasses().that().resideInAPackage("dev.praxis.memory..")
                .should().dependOnClassesThat().resideInAPackage("dev.praxis.tool..")
                .check(CORE);
    }

    @Test
    void memoryInternalsStayInsideMemory() {
        noClasses().that().resideOutsideOfPackage("dev.praxis.memory..")
                .should().dependOnClassesThat().resideInAPackage("dev.praxis.memory.internal..")
                .check(CORE);
    }

    @Test
    void loopDoesNotKnowTeamsOrTestFakes() {
        noClasses().that().resideInAPackage("dev.praxis.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.praxis.team..", "dev.praxis.testing..")
                .check(CORE);
    }

    @Test
    void guardsKnowToolsButNotTheLoopThatCallsThem() {
        noClasses().that().resideInAPackage("dev.praxis.guard..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.praxis.agent..", "dev.praxis.team..", "dev.praxis.testing..", "dev.praxis.observe..")
                .check(CORE);
    }

    @Test
    void teamsBuildOnTheLoopButNotOnTestFakes() {
        noClasses().that().resideInAPackage("dev.praxis.team..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.praxis.testing..")
                .check(CORE);
    }

    @Test
    void observersAreLeavesThatNothingElseInCoreNeeds() {
        noClasses().that().resideOutsideOfPackage("dev.praxis.observe..")
                .should().dependOnClassesThat().resideInAPackage("dev.praxis.observe..")
                .check(CORE);
    }

    @Test
    void runStateKnowsToolsAndMemoryButNotTheLoop() {
        noClasses().that().resideInAPackage("dev.praxis.state..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.praxis.agent..", "dev.praxis.team..", "dev.praxis.testing..")
                .check(CORE);
    }

    @Test
    void onlyTheOtelBridgeUsesOptionalOpenTelemetry() {
        noClasses().that().resideOutsideOfPackage("dev.praxis.observe.otel..")
                .should().dependOnClassesThat().resideInAPackage("io.opentelemetry..")
                .check(CORE);
    }

    @Test
    void coreNeverUsesJUnitOrAssertJ() {
        // the contract suites and the JUnit extension are the praxis-testing artifact
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..")
                .check(CORE);
    }

    @Test
    void onlyTheMicrometerBridgeUsesOptionalMicrometer() {
        noClasses().that().resideOutsideOfPackage("dev.praxis.observe.micrometer..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .check(CORE);
    }

    @Test
    void coreNeverDependsOnConcreteModules() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.praxis.tools..", "dev.praxis.store..",
                        "dev.praxis.examples..")
                .check(CORE);
    }

    @Test
    void topLevelConceptPackagesHaveNoCycles() {
        slices().matching("dev.praxis.(*)..").should().beFreeOfCycles().check(CORE);
    }
}
