package dev.scriptexecuter.infrastructure;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a JSON value into a request record without guessing: a property the
 * record does not have is refused (with the nearest known name), text must be
 * a JSON string, a number a whole number in range, a yes/no field true or
 * false. Each refusal names the field by its path, e.g. {@code schedule.every}
 * or {@code scripts[2].name}. Records, lists of them, {@code String},
 * {@code Boolean}, {@code Integer}, {@code Long}, {@code Instant} and JSON-P
 * values are what the API's request bodies are made of.
 */
public final class JsonBinder {

    private JsonBinder() {
    }

    /** Binds a whole request body; null stays null. */
    public static <T> T bind(JsonValue value, Class<T> type) {
        return type.cast(bind(value, type, ""));
    }

    static Object bind(JsonValue value, Type type, String path) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return list(value, list.getActualTypeArguments()[0], path);
        }
        Class<?> target = (Class<?>) type;
        if (JsonValue.class.isAssignableFrom(target)) {
            return json(value, target, path);
        }
        if (value == null || value.getValueType() == ValueType.NULL) {
            if (target.isPrimitive()) {
                throw wrong(path, JsonScalars.describe(target), value == null ? JsonValue.NULL : value);
            }
            return null;
        }
        if (target.isRecord()) {
            return record(expect(value, ValueType.OBJECT, target, path).asJsonObject(), target, path);
        }
        return JsonScalars.scalar(value, target, path);
    }

    private static Object json(JsonValue value, Class<?> target, String path) {
        if (value == null || value.getValueType() == ValueType.NULL) {
            return target == JsonValue.class ? value : null;
        }
        if (target == JsonObject.class) {
            return expect(value, ValueType.OBJECT, target, path);
        }
        return value;
    }

    private static List<Object> list(JsonValue value, Type element, String path) {
        if (value == null || value.getValueType() == ValueType.NULL) {
            return null;
        }
        JsonArray array = expect(value, ValueType.ARRAY, List.class, path).asJsonArray();
        List<Object> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            items.add(bind(array.get(i), element, path + "[" + i + "]"));
        }
        return items;
    }

    private static Object record(JsonObject object, Class<?> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        List<String> known = java.util.Arrays.stream(components).map(RecordComponent::getName).toList();
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw unknown(JsonScalars.join(path, key), key, known);
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            JsonValue value = object.get(component.getName());
            args[i] = value == null && types[i].isPrimitive() ? JsonScalars.zero(types[i])
                    : bind(value, component.getGenericType(), JsonScalars.join(path, component.getName()));
        }
        return construct(type, types, args);
    }

    private static Object construct(Class<?> type, Class<?>[] types, Object[] args) {
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RequestRejected rejected) {
                throw rejected;
            }
            throw RequestRejected.invalid(String.valueOf(e.getCause().getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getSimpleName(), e);
        }
    }

    static JsonValue expect(JsonValue value, ValueType kind, Class<?> target, String path) {
        if (value.getValueType() != kind) {
            throw wrong(path, JsonScalars.describe(target), value);
        }
        return value;
    }

    static RequestRejected wrong(String path, String expected, JsonValue actual) {
        String field = path.isEmpty() ? "The request body" : "\"" + path + "\"";
        return RequestRejected.invalid(field + " must be " + expected + ", not " + JsonScalars.kind(actual) + ".")
                .with("field", path.isEmpty() ? null : path);
    }

    private static RequestRejected unknown(String path, String key, List<String> known) {
        String nearest = Suggestions.nearest(key, known);
        String hint = nearest != null ? " Did you mean \"" + nearest + "\"?"
                : " The known ones here are: " + String.join(", ", known) + ".";
        return RequestRejected.invalid("There is no property \"" + path + "\"." + hint).with("field", path);
    }
}
