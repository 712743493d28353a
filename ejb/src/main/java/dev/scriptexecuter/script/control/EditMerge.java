package dev.scriptexecuter.script.control;

import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Merges a person's edit of a copy they read earlier into the script as it is
 * now, field by field: a field they did not change takes its current value
 * (whatever runs or others did to it meanwhile); a field they changed takes
 * theirs, unless it changed meanwhile too, which is a conflict to be shown,
 * never decided silently.
 */
public final class EditMerge {

    /** A field both the person and somebody else (a run, another person) changed since the person read it. */
    public record Conflict(String field, JsonValue yours, JsonValue theirs) {
    }

    /** The fields to save, or the conflicts that prevent it. */
    public record Result(JsonObject merged, List<Conflict> conflicts) {

        public boolean clean() {
            return conflicts.isEmpty();
        }
    }

    private EditMerge() {
    }

    /**
     * @param current the script's fields as they are now
     * @param read    the same fields as the person's copy had them when read
     * @param edited  the person's fields
     * @param changed the names of the fields the person changed
     */
    public static Result merge(JsonObject current, JsonObject read, JsonObject edited, Set<String> changed) {
        JsonObjectBuilder merged = Json.PROVIDER.createObjectBuilder(current);
        List<Conflict> conflicts = new ArrayList<>();
        for (String field : changed) {
            JsonValue now = value(current, field);
            JsonValue mine = value(edited, field);
            if (!now.equals(value(read, field)) && !now.equals(mine)) {
                conflicts.add(new Conflict(field, mine, now));
            }
            merged.add(field, mine);
        }
        return new Result(merged.build(), List.copyOf(conflicts));
    }

    private static JsonValue value(JsonObject object, String field) {
        return object.getOrDefault(field, JsonValue.NULL);
    }
}
