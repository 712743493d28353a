package dev.scriptexecuter.script.web;

import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.script.boundary.EditConflict;
import dev.scriptexecuter.script.boundary.ScriptDraft;
import dev.scriptexecuter.web.PrettyJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One field of a refused save as the script page shows it: its name, the
 * person's value and the one saved meanwhile, side by side as text.
 *
 * @param theirsJson the value saved meanwhile as JSON, to save over on purpose
 */
public record EditConflictRow(String field, String label, String yours, String theirs, String theirsJson)
        implements Serializable {

    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("name", "Name"),
            Map.entry("description", "Description"), Map.entry("active", "Active"), Map.entry("mainCode", "Main code"),
            Map.entry("triggerCode", "Trigger code"), Map.entry("requirements", "requirements.txt"),
            Map.entry("schedule", "Schedule"), Map.entry("policy", "Run policy"), Map.entry("data", "Data"),
            Map.entry("inputSchema", "Input"), Map.entry("tags", "Tags"));

    static List<EditConflictRow> of(List<EditConflict.Field> fields) {
        return fields.stream().map(field -> new EditConflictRow(field.name(),
                LABELS.getOrDefault(field.name(), field.name()), text(field.yours()), text(field.theirs()),
                field.theirs().toString())).toList();
    }

    /** The base {@code read} with the values saved meanwhile in place of the conflicting ones. */
    static ScriptDraft theirsOver(ScriptDraft read, List<EditConflictRow> rows) {
        var fields = Json.PROVIDER.createObjectBuilder(Json.parseObject(read.toJson()));
        for (EditConflictRow row : rows) {
            fields.add(row.field(), Json.parse(row.theirsJson()));
        }
        return ScriptDraft.fromJson(fields.build().toString());
    }

    private static String text(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> "(empty)";
            case STRING -> ((JsonString) value).getString();
            case TRUE -> "yes";
            case FALSE -> "no";
            case OBJECT -> PrettyJson.format((JsonObject) value);
            default -> value.toString();
        };
    }
}
