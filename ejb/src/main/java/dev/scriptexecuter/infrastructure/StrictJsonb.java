package dev.scriptexecuter.infrastructure;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;

import java.lang.reflect.Type;

/**
 * JSON-B as the API reads and writes it: every documented field is written,
 * {@code null} included, and a yes/no field takes only {@code true} or
 * {@code false} (the default reading turns {@code "maybe"} into false).
 */
public final class StrictJsonb {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withNullValues(true)
            .withDeserializers(new StrictBoolean()));

    private StrictJsonb() {
    }

    public static Jsonb get() {
        return JSONB;
    }

    /** Accepts JSON true, false and null only. */
    public static class StrictBoolean implements JsonbDeserializer<Boolean> {

        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            return switch (value.getValueType()) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case NULL -> null;
                default -> throw new JsonbException("a yes/no field must be true or false, not " + value + ".");
            };
        }
    }
}
