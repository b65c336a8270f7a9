package dev.praxis.tools;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Each tool family stands alone on agent-core's tool contract; only web text reuses the HTTP guard. */
class ToolsArchitectureTest {

    private static final JavaClasses TOOLS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.praxis.tools");
    private static final List<String> FAMILIES = List.of("files", "http", "web", "sql", "math", "time", "email", "mcp",
            "a2a");

    @Test
    void toolFamiliesDoNotDependOnEachOtherExceptWebOnHttp() {
        for (String family : FAMILIES) {
            String[] others = FAMILIES.stream()
                    .filter(other -> !other.equals(family) && !(family.equals("web") && other.equals("http")))
                    .map(other -> "dev.praxis.tools." + other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.praxis.tools." + family + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .check(TOOLS);
        }
    }

    @Test
    void toolsOtherThanTheMcpAndA2aAdaptersDoNotKnowTheLoop() {
        noClasses().that().resideInAPackage("dev.praxis.tools..").and().resideOutsideOfPackage("dev.praxis.tools.mcp..")
                .and().resideOutsideOfPackage("dev.praxis.tools.a2a..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.praxis.agent..", "dev.praxis.team..",
                        "dev.praxis.testing..")
                .check(TOOLS);
    }

    @Test
    void theA2aAdaptersServeAndCallAgentsButKnowNoTeamsOrTestFakes() {
        noClasses().that().resideInAPackage("dev.praxis.tools.a2a..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.praxis.team..", "dev.praxis.testing..")
                .check(TOOLS);
    }
}
