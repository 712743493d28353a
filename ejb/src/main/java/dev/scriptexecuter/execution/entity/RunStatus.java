package dev.scriptexecuter.execution.entity;

/** Where a run is in its life. */
public enum RunStatus {
    /** Due, but waiting for the script's current run to end (overlap policy "queue", or a catch-up of missed runs). */
    WAITING,
    /** Handed to the batch runtime; waiting for a free run slot on its node or starting. */
    QUEUED,
    RUNNING,
    FINISHED
}
