package dev.scriptexecuter.execution.boundary;

/** A run was queued, started or finished: fired after the change is committed, for the dashboard's live view. */
public record RunChanged(String runId, String scriptId, String status, String outcome) {
}
