package dev.scriptexecuter.environment.control;

import dev.scriptexecuter.environment.entity.Environment;
import dev.scriptexecuter.environment.entity.EnvironmentStatus;

import java.time.Instant;

/**
 * What the database says about an environment's latest build (without its install log).
 *
 * @param nextBuildAt while it is FAILED, when pip may be tried again (null: at the next need)
 * @param error       while it is FAILED, why, its cause in the first sentence
 */
public record EnvironmentRecord(String id, String requirements, EnvironmentStatus status, Instant builtAt, int builds,
                                int failedBuilds, Instant nextBuildAt, String error) {

    static EnvironmentRecord of(Environment environment) {
        return new EnvironmentRecord(environment.id(), environment.requirements(), environment.status(),
                environment.builtAt(), environment.builds(), environment.failedBuilds(), environment.nextBuildAt(),
                environment.error());
    }

    /** Whether its latest build failed and the wait before the next one has not passed. */
    public boolean backingOff(Instant now) {
        return status == EnvironmentStatus.FAILED && nextBuildAt != null && nextBuildAt.isAfter(now);
    }
}
