package dev.scriptexecuter.execution.entity;

/** Where a run is in its life. */
public enum RunStatus {
    QUEUED, RUNNING, FINISHED
}
