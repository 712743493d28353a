package dev.scriptexecuter.script.entity;

/** What happens to occurrences missed while no server was running. */
public enum MisfirePolicy {
    /** One catch-up run at start-up for all that were missed (the default). */
    FIRE_ONCE,
    /** Nothing: the next occurrence runs as planned. */
    SKIP,
    /** A run for every missed occurrence, one after the other, up to ses.schedule.misfire-max. */
    FIRE_ALL
}
