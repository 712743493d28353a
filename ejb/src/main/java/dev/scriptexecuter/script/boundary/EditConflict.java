package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.infrastructure.RequestRejected;
import jakarta.json.JsonValue;

import java.util.List;

/**
 * A save refused because fields the person changed were changed by somebody
 * else (a run, another person) since the person read the script; carries both
 * values of each such field, so that the person can choose.
 */
public class EditConflict extends RequestRejected {

    /** One field: the person's value and the one saved meanwhile, as the API writes them. */
    public record Field(String name, JsonValue yours, JsonValue theirs) {
    }

    private final transient List<Field> fields;

    public EditConflict(List<Field> fields) {
        super(Reason.CONFLICT, "Conflict", "Since you opened the script, "
                + String.join(", ", fields.stream().map(Field::name).toList())
                + (fields.size() == 1 ? " was" : " were") + " changed elsewhere too. Nothing was saved.");
        this.fields = List.copyOf(fields);
    }

    public List<Field> fields() {
        return fields;
    }
}
