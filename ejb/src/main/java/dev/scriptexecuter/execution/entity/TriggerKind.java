package dev.scriptexecuter.execution.entity;

/** Why a run happened. */
public enum TriggerKind {
    /** The schedule was due. */
    SCHEDULED,
    /** Somebody asked for a run; the trigger code still decides. */
    MANUAL,
    /** Somebody asked for a run that skips the trigger code. */
    FORCED
}
