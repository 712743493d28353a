package dev.scriptexecuter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static dev.scriptexecuter.architecture.CompiledClasses.ALL;
import static dev.scriptexecuter.architecture.CompiledClasses.ROOT;
import static dev.scriptexecuter.architecture.CompiledClasses.inWebModule;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The layers of the web module: a component's adapters (its {@code rest},
 * {@code web}, {@code health} and {@code metrics} packages) use the core,
 * the shared {@code rest} and {@code web} packages and their own component's
 * adapters; the shared packages use no adapter; {@code openapi}, which
 * lists every resource, is used by nothing.
 */
class WebModuleTest {

    private static final Set<String> ADAPTER_ROLES = Set.of("rest", "web", "health", "metrics");

    private static final Set<String> NOT_COMPONENTS = Set.of("rest", "web", "openapi");

    private static final DescribedPredicate<JavaClass> ADAPTERS = DescribedPredicate.describe(
            "are a component's adapter", type -> adapterOf(type.getPackageName()).isPresent());

    /** The component whose adapter a package is ({@code script} for {@code script.rest}), if it is one. */
    static Optional<String> adapterOf(String packageName) {
        if (!packageName.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String[] segments = packageName.substring(ROOT.length() + 1).split("\\.");
        return segments.length >= 2 && ADAPTER_ROLES.contains(segments[1]) && !NOT_COMPONENTS.contains(segments[0])
                ? Optional.of(segments[0]) : Optional.empty();
    }

    @Test
    void anAdapterUsesNoOtherComponentsAdapter() {
        classes().that(ADAPTERS).should(new ArchCondition<JavaClass>("use no other component's adapter") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String own = adapterOf(type.getPackageName()).orElseThrow();
                Set<String> reported = new HashSet<>();
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    Optional<String> other = adapterOf(target.getPackageName());
                    if (other.isPresent() && !other.get().equals(own) && reported.add(target.getName())) {
                        events.add(SimpleConditionEvent.violated(dependency, type.getName() + " -> "
                                + target.getName() + ": another component's adapter ("
                                + dependency.getDescription() + ")"));
                    }
                }
            }
        }).check(ALL);
    }

    @Test
    void theSharedPackagesUseNoAdapter() {
        noClasses().that().resideInAnyPackage(ROOT + ".rest..", ROOT + ".web..")
                .should().dependOnClassesThat(ADAPTERS).check(ALL);
    }

    @Test
    void nothingUsesTheOpenApiDocument() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".openapi..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".openapi..").check(ALL);
    }

    @Test
    void theWebModulesPackagesDependOnEachOtherWithoutCycles() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                return inWebModule(type) ? SliceIdentifier.of(type.getPackageName()) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the web module's packages";
            }
        }).should().beFreeOfCycles().check(ALL);
    }
}
