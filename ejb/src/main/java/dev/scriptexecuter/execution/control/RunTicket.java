package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.python.boundary.ExtraSandboxPaths;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a run needs, read from the database when it starts; {@code dataVersion}
 * is the version of the data it was given, so its result does not overwrite newer data;
 * {@code timeout} is the script's own (null: the server's default), {@code runMode} its
 * choice of process mode ("spawn" or "warm"; null: the node's default); {@code variables}
 * go into its environment, and the values of {@code secrets} are masked in its log;
 * {@code scriptPaths} are the host paths its sandbox shows besides the operator's (an admin's choice);
 * {@code inputJson} is the JSON object it was given (null: none; main and trigger then get an empty one).
 */
public record RunTicket(String runId, String scriptId, String scriptName, String mainCode, String triggerCode,
                        String requirements, String dataJson, long dataVersion, boolean force, Duration timeout,
                        boolean allowNetwork, String runMode, Map<String, String> variables, List<String> secrets,
                        ExtraSandboxPaths scriptPaths, String inputJson) {

    /** A ticket without an input. */
    public RunTicket(String runId, String scriptId, String scriptName, String mainCode, String triggerCode,
                     String requirements, String dataJson, long dataVersion, boolean force, Duration timeout,
                     boolean allowNetwork, String runMode, Map<String, String> variables, List<String> secrets,
                     ExtraSandboxPaths scriptPaths) {
        this(runId, scriptId, scriptName, mainCode, triggerCode, requirements, dataJson, dataVersion, force, timeout,
                allowNetwork, runMode, variables, secrets, scriptPaths, null);
    }

    /** A ticket without variables. */
    public RunTicket(String runId, String scriptId, String scriptName, String mainCode, String triggerCode,
                     String requirements, String dataJson, long dataVersion, boolean force, Duration timeout,
                     boolean allowNetwork, String runMode) {
        this(runId, scriptId, scriptName, mainCode, triggerCode, requirements, dataJson, dataVersion, force, timeout,
                allowNetwork, runMode, Map.of(), List.of(), ExtraSandboxPaths.NONE);
    }

    /** The same ticket with the script's own sandbox paths. */
    public RunTicket withScriptPaths(ExtraSandboxPaths paths) {
        return new RunTicket(runId, scriptId, scriptName, mainCode, triggerCode, requirements, dataJson, dataVersion,
                force, timeout, allowNetwork, runMode, variables, secrets, paths, inputJson);
    }

    /** A ticket with the server's default timeout, no network, the node's default process mode, no variables. */
    public RunTicket(String runId, String scriptId, String scriptName, String mainCode, String triggerCode,
                     String requirements, String dataJson, long dataVersion, boolean force) {
        this(runId, scriptId, scriptName, mainCode, triggerCode, requirements, dataJson, dataVersion, force, null, false,
                null);
    }
}
