package dev.scriptexecuter.execution.control;

/**
 * The script and the user a run is counted for by the node's quotas; {@code user} is null for a
 * scheduled run, which counts for its script only.
 */
public record RunOwner(String scriptId, String user) {
}
