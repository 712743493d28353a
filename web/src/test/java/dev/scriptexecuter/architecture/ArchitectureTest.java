package dev.scriptexecuter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static dev.scriptexecuter.architecture.CompiledClasses.ALL;
import static dev.scriptexecuter.architecture.CompiledClasses.CORE;
import static dev.scriptexecuter.architecture.CompiledClasses.ROOT;
import static dev.scriptexecuter.architecture.CompiledClasses.componentOf;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.util.Set;

/**
 * The layering of the core (the ejb module), read from the compiled classes:
 * what docs/ARCHITECTURE.md draws. A rule here fails the build when a change
 * breaks it, naming each offending dependency.
 */
class ArchitectureTest {

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
        noClasses().that().resideInAnyPackage(ROOT + ".rest..", ROOT + ".web..", ROOT + ".openapi..", "..rest..",
                        "..web..", "..health..", "..metrics..")
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

    /**
     * {@code jakarta.json.Json} and {@code BatchRuntime} find their provider
     * with a service-loader scan of the class path at every call; the
     * application asks once ({@code infrastructure.Json.PROVIDER}, the run
     * service's job operator).
     */
    @Test
    void serviceLookupsAreMadeOnce() {
        noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".infrastructure.Json")
                .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.base.DescribedPredicate.describe("jakarta.json.Json",
                                        type -> type.getFullName().equals("jakarta.json.Json")))))
                .check(ALL);
        noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".execution.boundary.RunService$Operator")
                .should().callMethod("jakarta.batch.runtime.BatchRuntime", "getJobOperator").check(ALL);
    }

    @Test
    void entitiesNeverReachUpToABoundary() {
        noClasses().that().resideInAPackage("..entity..").should().dependOnClassesThat()
                .resideInAPackage("..boundary..").check(CORE);
    }

    /**
     * What a component does behind its boundary is its own: another component
     * (or the web module's pages and resources of another) goes through its
     * boundary, or hears its events, never into its control package.
     */
    @Test
    void otherComponentsAreReachedThroughTheirBoundaries() {
        classes().should(new ArchCondition<JavaClass>("reach other components through their boundary only") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String own = componentOf(type.getPackageName());
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    if (target.startsWith(ROOT + ".") && target.contains(".control")
                            && target.equals(ROOT + "." + componentOf(target) + ".control")
                            && !componentOf(target).equals(own)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        }).check(ALL);
    }

    private static final Set<String> INJECTED = Set.of("jakarta.inject.Inject", "jakarta.annotation.Resource",
            "jakarta.persistence.PersistenceContext", "org.eclipse.microprofile.config.inject.ConfigProperty",
            "jakarta.batch.api.BatchProperty", "jakarta.ejb.EJB", "jakarta.ws.rs.core.Context");

    private static final Set<String> BEANS = Set.of("jakarta.enterprise.context.ApplicationScoped",
            "jakarta.enterprise.context.RequestScoped", "jakarta.enterprise.context.SessionScoped",
            "jakarta.enterprise.context.Dependent", "jakarta.faces.view.ViewScoped", "jakarta.ejb.Stateless",
            "jakarta.ejb.Singleton", "jakarta.ws.rs.Path");

    /**
     * No test hooks in the product: a bean's fields are injected by the
     * container, or its own (private, or final). A field the container never
     * sets is one only a test could set.
     */
    @Test
    void beansHaveNoFieldOnlyATestCouldSet() {
        fields().that().areDeclaredInClassesThat(DescribedPredicate.describe("beans", type ->
                        type.getAnnotations().stream().anyMatch(a -> BEANS.contains(a.getRawType().getName()))))
                .and().areNotStatic().and().areNotFinal().and().areNotPrivate()
                .should(new ArchCondition<JavaField>("be injected by the container") {
                    @Override
                    public void check(JavaField field, ConditionEvents events) {
                        boolean injected = field.getAnnotations().stream()
                                .anyMatch(a -> INJECTED.contains(a.getRawType().getName()));
                        if (!injected) {
                            events.add(SimpleConditionEvent.violated(field, field.getFullName()
                                    + " is neither private nor injected"));
                        }
                    }
                }).check(ALL);
    }
}
