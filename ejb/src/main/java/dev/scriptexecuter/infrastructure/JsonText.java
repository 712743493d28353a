package dev.scriptexecuter.infrastructure;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads one JSON document as the API accepts it, and nothing looser: strict
 * UTF-8, exactly one value with nothing after it, no property named twice in an
 * object, no text holding NUL or half of a surrogate pair, and at most
 * {@code maxDepth} nested objects and arrays. Every refusal is a 400 sentence
 * with the line and column where the document went wrong.
 */
public final class JsonText {

    private final int maxDepth;

    public JsonText(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** @return null for an empty body */
    public JsonValue read(byte[] body) {
        return read(utf8(body));
    }

    /** @return null for blank text */
    public JsonValue read(String text) {
        if (text.isBlank()) {
            return null;
        }
        try (JsonParser parser = Json.PROVIDER.createParser(new StringReader(text))) {
            JsonValue value = value(parser, parser.next(), 1, "");
            if (parser.hasNext()) {
                throw malformed("There is more after the JSON value", parser.getLocation());
            }
            return value;
        } catch (JsonParsingException e) {
            throw malformed("The request body is not valid JSON", e.getLocation());
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw RequestRejected.invalid("The request body is not valid JSON: it ends before the value does.");
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw RequestRejected.invalid("The request body is not valid UTF-8 text.");
        }
    }

    private JsonValue value(JsonParser parser, JsonParser.Event event, int depth, String path) {
        return switch (event) {
            case START_OBJECT -> object(parser, deeper(parser, depth), path);
            case START_ARRAY -> array(parser, deeper(parser, depth), path);
            case VALUE_STRING -> Json.PROVIDER.createValue(checked(parser.getString(), parser, path));
            case VALUE_NUMBER -> Json.PROVIDER.createValue(parser.getBigDecimal());
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw malformed("The request body is not valid JSON", parser.getLocation());
        };
    }

    private JsonValue object(JsonParser parser, int depth, String path) {
        JsonObjectBuilder object = Json.PROVIDER.createObjectBuilder();
        Set<String> seen = new HashSet<>();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            String field = (path.isEmpty() ? "" : path + ".") + parser.getString();
            String key = checked(parser.getString(), parser, field);
            if (!seen.add(key)) {
                throw RequestRejected.invalid("The property \"" + field + "\" appears twice in one object "
                        + where(parser.getLocation()) + ".").with("field", field);
            }
            object.add(key, value(parser, parser.next(), depth, field));
        }
        return object.build();
    }

    private JsonValue array(JsonParser parser, int depth, String path) {
        JsonArrayBuilder array = Json.PROVIDER.createArrayBuilder();
        int index = 0;
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
            array.add(value(parser, event, depth, path + "[" + index++ + "]"));
        }
        return array.build();
    }

    private int deeper(JsonParser parser, int depth) {
        if (depth > maxDepth) {
            throw RequestRejected.invalid("The JSON nests more than " + maxDepth + " objects and arrays deep "
                    + where(parser.getLocation()) + " (setting ses.api.max-json-depth).");
        }
        return depth + 1;
    }

    /** Refuses NUL and lone surrogates: no field of this application stores them faithfully. */
    private static String checked(String text, JsonParser parser, String path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw RequestRejected.invalid(named(path) + " contains the NUL character (\\u0000) "
                        + where(parser.getLocation()) + "; it is not allowed in any text.").with("field", field(path));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw RequestRejected.invalid(named(path) + " contains half of a UTF-16 surrogate pair "
                        + where(parser.getLocation()) + "; it is not a character.").with("field", field(path));
            }
        }
        return text;
    }

    private static String named(String path) {
        return path.isEmpty() ? "The request body" : "\"" + path + "\"";
    }

    private static String field(String path) {
        return path.isEmpty() ? null : path;
    }

    private static RequestRejected malformed(String what, JsonLocation location) {
        return RequestRejected.invalid(what + " " + where(location) + ".");
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : "(line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")";
    }
}
