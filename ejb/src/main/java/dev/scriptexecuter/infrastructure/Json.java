package dev.scriptexecuter.infrastructure;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;

/**
 * Conversions between stored JSON text and JSON-P objects, and the one JSON-P
 * provider the application builds JSON with. {@code jakarta.json.Json}'s
 * static methods look the provider up again at every call (a service-loader
 * scan of the class path): 7.5 % of the server's CPU time while it ran 50
 * scheduled runs a second. An architecture rule keeps them out.
 */
public final class Json {

    /** Thread-safe; every builder, reader and parser the application makes comes from it. */
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Json() {
    }

    public static JsonObject parseObject(String text) {
        if (text == null || text.isBlank()) {
            return PROVIDER.createObjectBuilder().build();
        }
        try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** Any one JSON value, e.g. one written by {@code JsonValue.toString()}. */
    public static jakarta.json.JsonValue parse(String text) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    public static String text(JsonObject object) {
        return object == null ? "{}" : object.toString();
    }
}
