package dev.scriptexecuter.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the core (the ejb module), read from the compiled classes:
 * what docs/ARCHITECTURE.md draws. A rule here fails the build when a change
 * breaks it, naming each offending dependency.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.scriptexecuter";

    /** The core's classes, wherever the build put them (the module's folder or its jar). */
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("ses-ejb") || location.contains("/ejb/target/classes"))
            .importPackages(ROOT);

    @Test
    void theCoreHoldsItsComponents() {
        org.assertj.core.api.Assertions.assertThat(CORE.contain(ROOT + ".script.boundary.ScriptService"))
                .as("the core's classes were found: a rule over no classes would hold for nothing").isTrue();
    }

    @Test
    void componentsDependOnEachOtherWithoutCycles() {
        slices().matching(ROOT + ".(*)..").namingSlices("$1").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theGroundDependsOnNoComponent() {
        noClasses().that().resideInAPackage(ROOT + ".infrastructure..").should().dependOnClassesThat()
                .resideInAnyPackage("..boundary..", "..control..", "..entity..").check(CORE);
    }

    @Test
    void entitiesNeverReachUpToABoundary() {
        noClasses().that().resideInAPackage("..entity..").should().dependOnClassesThat()
                .resideInAPackage("..boundary..").check(CORE);
    }
}
