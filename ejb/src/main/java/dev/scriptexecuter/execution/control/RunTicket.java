package dev.scriptexecuter.execution.control;

/** Everything a run needs, read from the database when it starts. */
public record RunTicket(String runId, String scriptId, String scriptName, String mainCode, String triggerCode,
                        String dataJson, boolean force) {
}
