package dev.scriptexecuter.execution.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables the server gives every run, spawned or forked by
 * a warm worker alike: UTF-8 output and which run and script it is. (The
 * process starts from {@code ProcessGroup.minimalEnvironment}; the script's
 * variables come through its run directory.)
 */
final class RunEnvironment {

    private RunEnvironment() {
    }

    static Map<String, String> of(RunTicket ticket) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PYTHONIOENCODING", "utf-8");
        environment.put("SES_RUN_ID", ticket.runId());
        environment.put("SES_SCRIPT_ID", ticket.scriptId());
        environment.put("SES_SCRIPT_NAME", ticket.scriptName());
        return environment;
    }
}
