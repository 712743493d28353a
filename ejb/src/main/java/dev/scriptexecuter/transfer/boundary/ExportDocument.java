package dev.scriptexecuter.transfer.boundary;

import dev.scriptexecuter.script.boundary.PolicySpec;
import dev.scriptexecuter.script.boundary.ScheduleSpec;
import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * Scripts as one JSON document, to move them to another installation: code,
 * schedule, policy, their variables (a secret by name only, never its value)
 * and, if asked for, their data.
 */
public record ExportDocument(String format, int formatVersion, Instant exportedAt, String exportedBy,
                             List<ExportedScript> scripts) {

    public static final String FORMAT = "script-executer-export";
    public static final int VERSION = 1;

    /** @param data null when the export left data out */
    public record ExportedScript(String name, String description, Boolean active, String mainCode,
                                 String triggerCode, String requirements, ScheduleSpec schedule, PolicySpec policy,
                                 JsonObject data, List<ExportedVariable> variables, JsonObject inputSchema,
                                 List<String> tags) {
    }

    /** @param value null for a secret */
    public record ExportedVariable(String name, boolean secret, String value) {
    }
}
