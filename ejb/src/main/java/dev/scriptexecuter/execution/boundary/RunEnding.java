package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.entity.RunOutcome;

/**
 * A run is ending: fired inside the transaction that stores its outcome, so
 * that what observers write (a webhook delivery) is committed with it or not
 * at all. Observers must not fail it for their own reasons. It names the
 * script and the outcome, so that an observer with nothing to do for them
 * reads nothing.
 */
public record RunEnding(String runId, String scriptId, RunOutcome outcome) {
}
