package dev.scriptexecuter.execution.control;

import java.time.Duration;

/**
 * Everything a run needs, read from the database when it starts; {@code dataVersion}
 * is the version of the data it was given, so its result does not overwrite newer data;
 * {@code timeout} is the script's own (null: the server's default), {@code runMode} its
 * choice of process mode ("spawn" or "warm"; null: the node's default).
 */
public record RunTicket(String runId, String scriptId, String scriptName, String mainCode, String triggerCode,
                        String requirements, String dataJson, long dataVersion, boolean force, Duration timeout,
                        boolean allowNetwork, String runMode) {

    /** A ticket with the server's default timeout, no network and the node's default process mode. */
    public RunTicket(String runId, String scriptId, String scriptName, String mainCode, String triggerCode,
                     String requirements, String dataJson, long dataVersion, boolean force) {
        this(runId, scriptId, scriptName, mainCode, triggerCode, requirements, dataJson, dataVersion, force, null, false,
                null);
    }
}
