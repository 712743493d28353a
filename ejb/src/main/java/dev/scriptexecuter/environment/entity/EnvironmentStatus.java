package dev.scriptexecuter.environment.entity;

/** Where an environment's latest build stands. */
public enum EnvironmentStatus {
    /** Known (a script needs it) but not built yet, or being built. */
    BUILDING,
    READY,
    /** pip failed or ran out of time; the install log says why. Runs needing it end ENVIRONMENT_FAILED. */
    FAILED
}
