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

    /** Both modules' classes, the web module's as this build compiled them. */
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("ses-ejb") || location.contains("/ejb/target/classes")
                    || location.contains("/web/target/classes"))
            .importPackages(ROOT);

    @Test
    void everyPackageSaysWhatItIsFor() {
        java.util.Set<String> packages = new java.util.TreeSet<>();
        ALL.forEach(type -> packages.add(type.getPackageName()));
        org.assertj.core.api.Assertions.assertThat(packages).as("packages read").contains(ROOT + ".rest",
                ROOT + ".script.boundary");
        org.assertj.core.api.Assertions.assertThat(packages.stream()
                        .filter(name -> ALL.getPackage(name).tryGetPackageInfo().isEmpty()).toList())
                .as("packages without a package-info.java").isEmpty();
    }

    @Test
    void theWebModuleReachesTheCoreThroughBoundariesOnly() {
        noClasses().that().resideInAnyPackage(ROOT + ".rest..", ROOT + ".web..", "..rest..", "..web..",
                        "..health..", "..metrics..")
                .should().dependOnClassesThat().resideInAPackage("..control..").check(ALL);
    }

    @Test
    void runRowsAreCreatedInOnePlace() {
        noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".execution.control.RunLedger")
                .and().doNotHaveFullyQualifiedName(ROOT + ".execution.entity.Run")
                .should().callConstructorWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.base.DescribedPredicate.describe("Run", type ->
                                        type.getFullName().equals(ROOT + ".execution.entity.Run")))))
                .check(CORE);
    }

    @Test
    void entitiesNeverReachUpToABoundary() {
        noClasses().that().resideInAPackage("..entity..").should().dependOnClassesThat()
                .resideInAPackage("..boundary..").check(CORE);
    }
}
