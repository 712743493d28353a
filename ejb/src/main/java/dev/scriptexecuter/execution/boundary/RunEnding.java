package dev.scriptexecuter.execution.boundary;

/**
 * A run is ending: fired inside the transaction that stores its outcome, so
 * that what observers write (a webhook delivery) is committed with it or not
 * at all. Observers must not fail it for their own reasons.
 */
public record RunEnding(String runId) {
}
