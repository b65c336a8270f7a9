package dev.praxis;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps learning ({@code env}) and evaluation ({@code eval}) above the loop, and off test fakes and teams. */
class LearningArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.praxis");

    @Test
    void theLoopAndItsPartsDoNotKnowLearningOrEvaluation() {
        noClasses().that().resideInAnyPackage("dev.praxis.llm..", "dev.praxis.tool..", "dev.praxis.memory..",
                        "dev.praxis.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.praxis.env..", "dev.praxis.eval..")
                .check(CORE);
    }

    @Test
    void environmentsDoNotKnowEvaluationTeamsOrTestFakes() {
        noClasses().that().resideInAPackage("dev.praxis.env..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.praxis.eval..", "dev.praxis.testing..",
                        "dev.praxis.team..")
                .check(CORE);
    }

    @Test
    void evaluationDoesNotKnowTeamsOrTestFakes() {
        noClasses().that().resideInAPackage("dev.praxis.eval..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.praxis.testing..", "dev.praxis.team..")
                .check(CORE);
    }
}
