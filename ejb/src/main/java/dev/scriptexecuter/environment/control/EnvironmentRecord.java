package dev.scriptexecuter.environment.control;

import dev.scriptexecuter.environment.entity.Environment;
import dev.scriptexecuter.environment.entity.EnvironmentStatus;

import java.time.Instant;

/** What the database says about an environment's latest build (without its install log). */
public record EnvironmentRecord(String id, String requirements, EnvironmentStatus status, Instant builtAt, int builds) {

    static EnvironmentRecord of(Environment environment) {
        return new EnvironmentRecord(environment.id(), environment.requirements(), environment.status(),
                environment.builtAt(), environment.builds());
    }
}
