package dev.scriptexecuter.execution.entity;

/** Why a run happened. */
public enum TriggerKind {
    /** The schedule was due. */
    SCHEDULED,
    /** The schedule was due while no server ran (or far too busy to fire it); run late by its misfire policy. */
    CATCH_UP,
    /** Somebody asked for a run; the trigger code still decides. */
    MANUAL,
    /** Somebody asked for a run that skips the trigger code. */
    FORCED,
    /** A trigger URL was called ({@code POST /hooks/{token}}); the trigger code still decides. */
    HOOK,
    /** A run of another script ended, and that script's chain starts this one with its result as input. */
    CHAIN
}
