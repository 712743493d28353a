package dev.scriptexecuter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static dev.scriptexecuter.architecture.CompiledClasses.CORE;
import static dev.scriptexecuter.architecture.CompiledClasses.ROOT;
import static dev.scriptexecuter.architecture.CompiledClasses.componentOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order of the components that docs/ARCHITECTURE.md draws, against the
 * core's classes: every use of one component by another is drawn, or
 * implied by the arrows drawn; every arrow drawn is a use the code has, and
 * none is implied by the others (those are left out).
 */
class ComponentDrawingTest {

    private static final String GROUND = "infrastructure";

    private static final ComponentDrawing DRAWN = ComponentDrawing.read();

    @Test
    void theDrawingWasRead() {
        assertThat(DRAWN.arrows()).as("the arrows of the flowchart in %s", ComponentDrawing.DOCUMENT)
                .contains(new ComponentDrawing.Arrow("execution", "environment"));
    }

    @Test
    void everyUseOfAnotherComponentIsDrawn() {
        classes().should(new ArchCondition<JavaClass>("use only the components drawn below their own") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String from = componentOf(type.getPackageName());
                Set<String> reported = new HashSet<>();
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    String to = componentOf(target.getPackageName());
                    if (target.getPackageName().startsWith(ROOT + ".") && !to.equals(from) && !to.equals(GROUND)
                            && !DRAWN.reaches(from, to) && reported.add(target.getName())) {
                        events.add(SimpleConditionEvent.violated(dependency, type.getName() + " -> "
                                + target.getName() + ": " + from + " --> " + to + " is neither drawn nor implied in "
                                + ComponentDrawing.DOCUMENT + " (" + dependency.getDescription() + ")"));
                    }
                }
            }
        }).check(CORE);
    }

    @Test
    void everyComponentIsDrawn() {
        Set<String> components = new TreeSet<>();
        CORE.forEach(type -> components.add(componentOf(type.getPackageName())));
        assertThat(DRAWN.components()).as("the components drawn against the core's").isEqualTo(components);
    }

    @Test
    void everyArrowIsAUseTheCoreHas() {
        Set<ComponentDrawing.Arrow> uses = new HashSet<>();
        CORE.forEach(type -> type.getDirectDependenciesFromSelf().forEach(dependency -> uses.add(
                new ComponentDrawing.Arrow(componentOf(type.getPackageName()),
                        componentOf(dependency.getTargetClass().getPackageName())))));
        assertThat(DRAWN.arrows().stream().filter(arrow -> !uses.contains(arrow)).map(arrow -> arrow
                        + ": no class of " + arrow.from() + " uses " + arrow.to()).toList())
                .as("stale arrows in %s", ComponentDrawing.DOCUMENT).isEmpty();
    }

    @Test
    void noArrowIsImpliedByTheOthers() {
        assertThat(DRAWN.arrows().stream().filter(DRAWN::impliedByOthers).map(arrow -> arrow
                        + ": implied by the other arrows, so it is left out").toList())
                .as("arrows in %s", ComponentDrawing.DOCUMENT).isEmpty();
    }
}
