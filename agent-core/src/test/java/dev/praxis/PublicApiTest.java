package dev.praxis;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * agent-core documents every public declaration (the other modules check the same in their own
 * tests), and its public surface does not grow unnoticed.
 */
class PublicApiTest {

    /**
     * Public top-level types in agent-core's sources, {@code internal} packages included. Lower it
     * when you make a type package-private; raise it only with a reason in the commit (a type users need).
     */
    private static final int PUBLIC_TYPE_BUDGET = 217;

    @Test
    void publicApiHasJavadoc() {
        PublicJavadoc.assertPublicApiDocumented(Path.of("src/main/java"));
    }

    @Test
    void publicTypesStayWithinTheBudget() {
        var types = PublicJavadoc.publicTopLevelTypes(Path.of("src/main/java"));

        assertThat(types).as("public top-level types of agent-core (budget %d): make new ones"
                + " package-private where users do not need them", PUBLIC_TYPE_BUDGET)
                .hasSizeLessThanOrEqualTo(PUBLIC_TYPE_BUDGET);
    }
}
