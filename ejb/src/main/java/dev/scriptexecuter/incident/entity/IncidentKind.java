package dev.scriptexecuter.incident.entity;

/** What went wrong with a script's schedule or run; stored by name. */
public enum IncidentKind {
    /** No SUCCEEDED run for longer than the script's policy.overdueAfter (a dead man's switch). */
    OVERDUE,
    /** An occurrence did not start within ses.schedule.late-after of its due time. */
    LATE,
    /** A run still going after the script's policy.warnAfter, or far beyond its usual duration. */
    SLOW
}
