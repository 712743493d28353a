package dev.scriptexecuter.execution.boundary;

/**
 * The runs of the same script next to a run by queue time, so a run's page can step through a script's
 * history without going back to the list.
 *
 * @param previous the id of the run queued right before, null when this is the script's first
 * @param next     the id of the run queued right after, null when this is the script's latest
 */
public record RunNeighbours(String previous, String next) {
}
