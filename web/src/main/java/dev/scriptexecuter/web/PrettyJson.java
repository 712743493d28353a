package dev.scriptexecuter.web;

import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

/** JSON data as people read and edit it on the pages (a script's data, a run's before and after): indented. */
public final class PrettyJson {

    private PrettyJson() {
    }

    public static String format(JsonObject data) {
        return format((JsonValue) data);
    }

    /** Any JSON value (a run's result may be a number or a text too); objects and arrays indented. */
    public static String format(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = Json.PROVIDER.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.write(value);
        }
        return out.toString().strip();
    }

    /** @throws IllegalArgumentException with the parser's reason when the text is not one JSON object */
    public static JsonObject parseObject(String text) {
        try (JsonReader reader = Json.PROVIDER.createReader(new StringReader(text == null || text.isBlank() ? "{}" : text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
