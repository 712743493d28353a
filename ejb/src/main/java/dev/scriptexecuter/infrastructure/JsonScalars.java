package dev.scriptexecuter.infrastructure;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Scalars for {@link JsonBinder}: their JSON kinds, how they are named in sentences, and how they are read. */
final class JsonScalars {

    private JsonScalars() {
    }

    static Object scalar(JsonValue value, Class<?> target, String path) {
        if (target == String.class) {
            return ((JsonString) JsonBinder.expect(value, ValueType.STRING, target, path)).getString();
        }
        if (target == Boolean.class || target == boolean.class) {
            if (value.getValueType() == ValueType.TRUE || value.getValueType() == ValueType.FALSE) {
                return value.getValueType() == ValueType.TRUE;
            }
            throw JsonBinder.wrong(path, describe(target), value);
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return whole(((JsonNumber) JsonBinder.expect(value, ValueType.NUMBER, target, path)).bigDecimalValue(), target, path);
        }
        if (target == Instant.class) {
            return IsoTimes.parse(path, ((JsonString) JsonBinder.expect(value, ValueType.STRING, target, path)).getString());
        }
        throw new IllegalStateException("No JSON reading for " + target.getSimpleName());
    }

    private static Object whole(BigDecimal number, Class<?> target, String path) {
        boolean integer = target == Integer.class || target == int.class;
        try {
            BigDecimal exact = number.stripTrailingZeros();
            if (exact.scale() > 0) {
                throw new ArithmeticException();
            }
            return integer ? (Object) exact.intValueExact() : (Object) exact.longValueExact();
        } catch (ArithmeticException e) {
            long min = integer ? Integer.MIN_VALUE : Long.MIN_VALUE;
            long max = integer ? Integer.MAX_VALUE : Long.MAX_VALUE;
            throw RequestRejected.invalid("\"" + path + "\" must be a whole number from " + min + " to " + max
                    + "; " + number.toString() + " is not.").with("field", path);
        }
    }

    static Object zero(Class<?> primitive) {
        return primitive == boolean.class ? (Object) false : primitive == long.class ? (Object) 0L : (Object) 0;
    }

    static String describe(Class<?> target) {
        if (target == String.class || target == Instant.class) {
            return "text (a JSON string)";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "a whole number";
        }
        return target == List.class ? "a JSON array" : "a JSON object";
    }

    static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "text";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "true/false";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
        };
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
