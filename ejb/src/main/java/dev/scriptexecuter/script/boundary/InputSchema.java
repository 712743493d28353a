package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.infrastructure.RequestRejected;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What input a script's runs take: a subset of JSON Schema that a form can be
 * made from and every run request is checked against. The schema is an object
 * with {@code properties} (each with a {@code type}: string, integer, number,
 * boolean, object or array; and optionally {@code title}, {@code description},
 * {@code enum}, {@code default}, {@code minimum}/{@code maximum},
 * {@code minLength}/{@code maxLength}), {@code required} (names) and
 * {@code additionalProperties} (false: other names are refused). A keyword
 * outside this subset is refused at save rather than silently ignored.
 */
public final class InputSchema {

    public static final InputSchema NONE = new InputSchema(List.of(), true);
    private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "object", "array");
    private static final Set<String> TOP_KEYWORDS = Set.of("type", "properties", "required", "additionalProperties",
            "title", "description", "$schema");
    private static final Set<String> KEYWORDS = Set.of("type", "title", "description", "enum", "default", "minimum",
            "maximum", "minLength", "maxLength");
    private static final int MAX_FIELDS = 100;

    /** One property of the input, as a form shows it. */
    public record Field(String name, String type, String title, String description, List<JsonValue> choices,
                        JsonValue defaultValue, BigDecimal minimum, BigDecimal maximum, Integer minLength,
                        Integer maxLength, boolean required) {

        /** The label a form shows: its title, else its name. */
        public String label() {
            return title != null ? title : name;
        }
    }

    private final List<Field> fields;
    private final boolean othersAllowed;

    private InputSchema(List<Field> fields, boolean othersAllowed) {
        this.fields = List.copyOf(fields);
        this.othersAllowed = othersAllowed;
    }

    public List<Field> fields() {
        return fields;
    }

    public boolean isEmpty() {
        return fields.isEmpty() && othersAllowed;
    }

    /** A schema as stored (checked when it was saved); null or empty: none. */
    public static InputSchema stored(String text) {
        return text == null || text.isBlank() ? NONE : parse(Json.parseObject(text));
    }

    /** A schema as a person wrote it; anything outside the subset is refused naming where it is. */
    public static InputSchema parse(JsonObject schema) {
        String at = "inputSchema";
        unknownKeywords(schema, TOP_KEYWORDS, at);
        if (schema.containsKey("type") && !JsonValue.NULL.equals(schema.get("type"))
                && !Json.PROVIDER.createValue("object").equals(schema.get("type"))) {
            throw invalid(at + ".type", "An input is a JSON object: \"type\" is \"object\" or left out.");
        }
        JsonObject properties = object(schema, "properties", at);
        if (properties.size() > MAX_FIELDS) {
            throw invalid(at + ".properties", "An input has at most " + MAX_FIELDS + " properties; this one has "
                    + properties.size() + ".");
        }
        List<String> required = new ArrayList<>();
        if (schema.containsKey("required")) {
            if (!(schema.get("required") instanceof JsonArray names)) {
                throw invalid(at + ".required", "\"required\" is a list of property names.");
            }
            for (int i = 0; i < names.size(); i++) {
                if (!(names.get(i) instanceof JsonString name) || !properties.containsKey(name.getString())) {
                    throw invalid(at + ".required[" + i + "]", "\"required\" names properties of \"properties\"; "
                            + names.get(i) + " is none of them.");
                }
                required.add(name.getString());
            }
        }
        boolean others = true;
        if (schema.containsKey("additionalProperties")) {
            JsonValue value = schema.get("additionalProperties");
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                throw invalid(at + ".additionalProperties", "\"additionalProperties\" is true or false.");
            }
            others = value == JsonValue.TRUE;
        }
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, JsonValue> property : properties.entrySet()) {
            fields.add(field(property.getKey(), property.getValue(), required.contains(property.getKey()),
                    at + ".properties." + property.getKey()));
        }
        return new InputSchema(fields, others);
    }

    private static Field field(String name, JsonValue value, boolean required, String at) {
        if (name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw invalid(at, "A property's name is 1 to 100 characters without control characters.");
        }
        if (!(value instanceof JsonObject property)) {
            throw invalid(at, "Each property is an object such as {\"type\": \"string\"}.");
        }
        unknownKeywords(property, KEYWORDS, at);
        if (!(property.get("type") instanceof JsonString typeText) || !TYPES.contains(typeText.getString())) {
            throw invalid(at + ".type", "\"type\" is one of " + String.join(", ", TYPES.stream().sorted().toList())
                    + ".");
        }
        String type = typeText.getString();
        String title = text(property, "title", at);
        String description = text(property, "description", at);
        BigDecimal minimum = number(property, "minimum", at, type, Set.of("integer", "number"));
        BigDecimal maximum = number(property, "maximum", at, type, Set.of("integer", "number"));
        BigDecimal minLength = number(property, "minLength", at, type, Set.of("string"));
        BigDecimal maxLength = number(property, "maxLength", at, type, Set.of("string"));
        if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
            throw invalid(at + ".minimum", "\"minimum\" is larger than \"maximum\".");
        }
        Integer shortest = length(minLength, at + ".minLength");
        Integer longest = length(maxLength, at + ".maxLength");
        if (shortest != null && longest != null && shortest > longest) {
            throw invalid(at + ".minLength", "\"minLength\" is larger than \"maxLength\".");
        }
        List<JsonValue> choices = null;
        Field unchecked = new Field(name, type, title, description, null, null, minimum, maximum, shortest, longest,
                required);
        if (property.containsKey("enum")) {
            if (!(property.get("enum") instanceof JsonArray values) || values.isEmpty()) {
                throw invalid(at + ".enum", "\"enum\" is a list of the values allowed.");
            }
            for (int i = 0; i < values.size(); i++) {
                check(unchecked, values.get(i), at + ".enum[" + i + "]");
            }
            choices = List.copyOf(values);
        }
        JsonValue defaultValue = property.get("default");
        Field field = new Field(name, type, title, description, choices, defaultValue, minimum, maximum, shortest,
                longest, required);
        if (defaultValue != null) {
            check(field, defaultValue, at + ".default"); // check reads the rules, not the default itself
        }
        return field;
    }

    /**
     * A run's input as the schema takes it: every value checked, defaults filled
     * in; refused naming the first field that is wrong ({@code input.<name>}).
     * No input is an empty one.
     */
    public JsonObject apply(JsonObject input) {
        JsonObject given = input == null ? JsonValue.EMPTY_JSON_OBJECT : input;
        Map<String, Field> byName = new LinkedHashMap<>();
        fields.forEach(field -> byName.put(field.name(), field));
        if (!othersAllowed) {
            for (String name : given.keySet()) {
                if (!byName.containsKey(name)) {
                    throw invalid("input." + name, "The input has no property '" + name + "'; it takes "
                            + String.join(", ", byName.keySet()) + ".");
                }
            }
        }
        JsonObjectBuilder applied = Json.PROVIDER.createObjectBuilder(given);
        for (Field field : fields) {
            JsonValue value = given.get(field.name());
            if (value == null || value == JsonValue.NULL) {
                if (field.defaultValue() != null) {
                    applied.add(field.name(), field.defaultValue());
                } else if (field.required()) {
                    throw invalid("input." + field.name(), "'" + field.label() + "' is required.");
                }
                continue;
            }
            check(field, value, "input." + field.name());
        }
        return applied.build();
    }

    /** The input a run gets when nobody gives it one (a scheduled run): the defaults. */
    public JsonObject defaults() {
        JsonObjectBuilder defaults = Json.PROVIDER.createObjectBuilder();
        fields.stream().filter(field -> field.defaultValue() != null)
                .forEach(field -> defaults.add(field.name(), field.defaultValue()));
        return defaults.build();
    }

    /** The required properties without a default: a run nobody gives an input to cannot have them. */
    public List<String> requiredWithoutDefault() {
        return fields.stream().filter(field -> field.required() && field.defaultValue() == null)
                .map(Field::name).toList();
    }

    private static void check(Field field, JsonValue value, String at) {
        String wrongType = "'" + field.label() + "' must be " + article(field.type()) + "; it is " + describe(value)
                + ".";
        switch (field.type()) {
            case "string" -> {
                if (!(value instanceof JsonString text)) {
                    throw invalid(at, wrongType);
                }
                int length = text.getString().codePointCount(0, text.getString().length());
                if (field.minLength() != null && length < field.minLength()) {
                    throw invalid(at, "'" + field.label() + "' must have at least " + field.minLength()
                            + " characters.");
                }
                if (field.maxLength() != null && length > field.maxLength()) {
                    throw invalid(at, "'" + field.label() + "' must have at most " + field.maxLength()
                            + " characters.");
                }
            }
            case "integer", "number" -> {
                if (!(value instanceof JsonNumber number)
                        || "integer".equals(field.type()) && !isWhole(number.bigDecimalValue())) {
                    throw invalid(at, wrongType);
                }
                if (field.minimum() != null && number.bigDecimalValue().compareTo(field.minimum()) < 0) {
                    throw invalid(at, "'" + field.label() + "' must be at least " + field.minimum().toPlainString()
                            + "; it is " + value + ".");
                }
                if (field.maximum() != null && number.bigDecimalValue().compareTo(field.maximum()) > 0) {
                    throw invalid(at, "'" + field.label() + "' must be at most " + field.maximum().toPlainString()
                            + "; it is " + value + ".");
                }
            }
            case "boolean" -> {
                if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                    throw invalid(at, wrongType);
                }
            }
            case "object" -> {
                if (!(value instanceof JsonObject)) {
                    throw invalid(at, wrongType);
                }
            }
            default -> {
                if (!(value instanceof JsonArray)) {
                    throw invalid(at, wrongType);
                }
            }
        }
        if (field.choices() != null && !field.choices().contains(value) && !numericallyIn(value, field.choices())) {
            throw invalid(at, "'" + field.label() + "' must be one of " + String.join(", ", field.choices().stream()
                    .map(JsonValue::toString).toList()) + "; it is " + value + ".");
        }
    }

    private static boolean numericallyIn(JsonValue value, List<JsonValue> choices) {
        return value instanceof JsonNumber number && choices.stream().anyMatch(choice ->
                choice instanceof JsonNumber other && other.bigDecimalValue().compareTo(number.bigDecimalValue()) == 0);
    }

    private static boolean isWhole(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }

    private static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "a text";
            case OBJECT -> "an object";
            case ARRAY -> "a list";
            default -> value.toString();
        };
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "object" -> "an " + type;
            case "array" -> "a list";
            case "string" -> "a text";
            case "boolean" -> "true or false";
            default -> "a " + type;
        };
    }

    private static void unknownKeywords(JsonObject object, Set<String> known, String at) {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw invalid(at + "." + key, "'" + key + "' is not supported here; an input schema takes "
                        + String.join(", ", known.stream().filter(k -> !k.startsWith("$")).sorted().toList()) + ".");
            }
        }
    }

    private static JsonObject object(JsonObject parent, String key, String at) {
        JsonValue value = parent.get(key);
        if (value == null || value == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (!(value instanceof JsonObject object)) {
            throw invalid(at + "." + key, "\"" + key + "\" is an object.");
        }
        return object;
    }

    private static String text(JsonObject property, String key, String at) {
        JsonValue value = property.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString text) || text.getString().length() > 1000) {
            throw invalid(at + "." + key, "\"" + key + "\" is a text of at most 1000 characters.");
        }
        return text.getString();
    }

    private static BigDecimal number(JsonObject property, String key, String at, String type, Set<String> types) {
        JsonValue value = property.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!types.contains(type)) {
            throw invalid(at + "." + key, "\"" + key + "\" applies to " + String.join(" and ", types.stream()
                    .sorted().toList()) + " properties only.");
        }
        if (!(value instanceof JsonNumber number)) {
            throw invalid(at + "." + key, "\"" + key + "\" is a number.");
        }
        return number.bigDecimalValue();
    }

    private static Integer length(BigDecimal value, String at) {
        if (value == null) {
            return null;
        }
        if (!isWhole(value) || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            throw invalid(at, "A length is a whole number from 0 to 1000000.");
        }
        return value.intValueExact();
    }

    private static RequestRejected invalid(String field, String detail) {
        return RequestRejected.invalid(detail).with("field", field);
    }
}
