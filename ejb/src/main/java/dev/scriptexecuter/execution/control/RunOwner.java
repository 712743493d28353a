package dev.scriptexecuter.execution.control;

/**
 * The script and the user a run is counted for by the node's quotas; {@link #NOBODY} stands for the
 * user of a scheduled run whose script has no recorded creator.
 */
public record RunOwner(String scriptId, String user) {

    public static final String NOBODY = "(scheduler)";
}
