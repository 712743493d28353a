package dev.scriptexecuter.openapi;

import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON schemas for the types the API takes and gives: records become named
 * components (each once, referenced where used), lists arrays, enums string
 * enums; RFC 9457's Problem is always there.
 */
final class OpenApiSchemas {

    private final Map<String, JsonObject> schemas = new TreeMap<>(Map.of("Problem", problemSchema()));

    /** The components collected so far. */
    JsonObjectBuilder components() {
        JsonObjectBuilder json = Json.PROVIDER.createObjectBuilder();
        schemas.forEach(json::add);
        return json;
    }

    /** A JSON schema for a Java type: records become components, referenced by name. */
    JsonObject of(Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            return Json.PROVIDER.createObjectBuilder().add("type", "array")
                    .add("items", of(generic.getActualTypeArguments()[0])).build();
        }
        Class<?> raw = type instanceof Class<?> c ? c : Object.class;
        if (raw == String.class) {
            return Json.PROVIDER.createObjectBuilder().add("type", "string").build();
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return Json.PROVIDER.createObjectBuilder().add("type", "integer").build();
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return Json.PROVIDER.createObjectBuilder().add("type", "number").build();
        }
        if (raw == JsonValue.class) {
            // any JSON value (a run's result): the empty schema
            return Json.PROVIDER.createObjectBuilder().add("description", "any JSON value").build();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Json.PROVIDER.createObjectBuilder().add("type", "boolean").build();
        }
        if (raw == Instant.class) {
            return Json.PROVIDER.createObjectBuilder().add("type", "string").add("format", "date-time").build();
        }
        if (raw.isEnum()) {
            JsonArrayBuilder values = Json.PROVIDER.createArrayBuilder();
            Arrays.stream(raw.getEnumConstants()).forEach(value -> values.add(value.toString()));
            return Json.PROVIDER.createObjectBuilder().add("type", "string").add("enum", values).build();
        }
        if (raw.isRecord()) {
            String name = raw.getSimpleName();
            if (!schemas.containsKey(name)) {
                schemas.put(name, JsonValue.EMPTY_JSON_OBJECT);
                JsonObjectBuilder properties = Json.PROVIDER.createObjectBuilder();
                for (RecordComponent component : raw.getRecordComponents()) {
                    properties.add(component.getName(), of(component.getGenericType()));
                }
                schemas.put(name, Json.PROVIDER.createObjectBuilder().add("type", "object").add("properties", properties).build());
            }
            return ref(name);
        }
        return Json.PROVIDER.createObjectBuilder().add("type", "object").build();
    }

    static JsonObject ref(String name) {
        return Json.PROVIDER.createObjectBuilder().add("$ref", "#/components/schemas/" + name).build();
    }

    private static JsonObject problemSchema() {
        JsonObject text = Json.PROVIDER.createObjectBuilder().add("type", "string").build();
        return Json.PROVIDER.createObjectBuilder().add("type", "object")
                .add("properties", Json.PROVIDER.createObjectBuilder().add("type", text).add("title", text)
                        .add("status", Json.PROVIDER.createObjectBuilder().add("type", "integer")).add("detail", text)
                        .add("field", text))
                .add("required", Json.PROVIDER.createArrayBuilder().add("type").add("title").add("status").add("detail"))
                .build();
    }
}
