package dev.scriptexecuter.execution.boundary;

/**
 * A run of another node was queued, started or finished, as this node found in the database: for
 * the dashboards open on this node. (Not a {@link RunChanged}: that one also drives this node's own
 * follow-ups, such as retries, which belong to the run's node.)
 */
public record RunChangedElsewhere(String runId, String scriptId, String status, String outcome) {
}
