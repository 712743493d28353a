package dev.scriptexecuter.infrastructure;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

/** Conversions between stored JSON text and JSON-P objects. */
public final class Json {

    private Json() {
    }

    public static JsonObject parseObject(String text) {
        if (text == null || text.isBlank()) {
            return jakarta.json.Json.createObjectBuilder().build();
        }
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** Any one JSON value, e.g. one written by {@code JsonValue.toString()}. */
    public static jakarta.json.JsonValue parse(String text) {
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    public static String text(JsonObject object) {
        return object == null ? "{}" : object.toString();
    }
}
