package dev.scriptexecuter.script.entity;

/** How a script's runs are planned. */
public enum ScheduleKind {
    /** Every fixed duration, from a first-run time on. */
    INTERVAL,
    /** At the times a cron expression names, in a time zone. */
    CRON,
    /** Only when somebody asks for a run. */
    MANUAL
}
