package dev.praxis;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rule every Praxis module's tests check: {@code internal} packages are the module's own
 * business, so no module uses another module's {@code dev.praxis..internal} classes. Each jar
 * names its module (Automatic-Module-Name) without exporting anything; this rule is what keeps
 * the internal packages internal.
 */
public final class ModuleBoundaries {

    private ModuleBoundaries() {
    }

    /** Fails if the main classes of the module holding {@code anyMainClass} use another module's internals. */
    public static void assertUsesNoOtherModulesInternals(Class<?> anyMainClass) {
        Path classes;
        try {
            classes = Path.of(anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        JavaClasses module = new ClassFileImporter().importPath(classes);
        Set<String> own = module.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        noClasses().should().dependOnClassesThat(new DescribedPredicate<JavaClass>(
                        "reside in another module's internal package") {
                    @Override
                    public boolean test(JavaClass target) {
                        String pkg = target.getPackageName();
                        return pkg.startsWith("dev.praxis.") && (pkg.endsWith(".internal") || pkg.contains(".internal."))
                                && !own.contains(pkg);
                    }
                })
                .because("internal packages are not API: ask for what you need to become public")
                .check(module);
    }
}
