package dev.scriptexecuter.execution.control;

/**
 * Everything a run needs, read from the database when it starts; {@code dataVersion}
 * is the version of the data it was given, so its result does not overwrite newer data.
 */
public record RunTicket(String runId, String scriptId, String scriptName, String mainCode, String triggerCode,
                        String requirements, String dataJson, long dataVersion, boolean force) {
}
