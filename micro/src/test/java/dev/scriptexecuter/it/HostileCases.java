package dev.scriptexecuter.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Generates hostile requests from a valid one: for an endpoint's body, every
 * field gets the wrong JSON type, a NUL, half a surrogate pair, text far over
 * its limit; the body gets an unknown property, trailing text, a second
 * document, invalid UTF-8, deep nesting, a repeated key, the wrong media type.
 * Each case says what the answer must be.
 */
final class HostileCases {

    /** Stands for an escape sequence no JSON writer produces from a Java string. */
    private static final String NUL = "@@NUL@@";
    private static final String LONE_SURROGATE = "@@SURROGATE@@";

    /** One request and the answer it must get: a status, and the field the problem must name (or null). */
    record Case(String name, String method, String path, byte[] body, String contentType, Set<Integer> statuses,
                String field, boolean problemJson) {

        static Case json(String name, String method, String path, String body, Set<Integer> statuses, String field) {
            return new Case(name, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    "application/json", statuses, field, true);
        }

        static Case bare(String name, String method, String path, Set<Integer> statuses) {
            return new Case(name, method, path, null, null, statuses, null, true);
        }
    }

    /** An endpoint taking a JSON body: a valid body whose acceptance would change something, and its fields. */
    record Body(String method, String path, String valid, List<String> texts, List<String> flags,
                List<String> numbers, int longText, boolean required) {
    }

    private HostileCases() {
    }

    static List<Case> of(Body body) {
        List<Case> cases = new ArrayList<>();
        String at = body.method() + " " + body.path();
        JsonObject valid = parse(body.valid());
        String first = valid.keySet().iterator().next();
        cases.add(Case.json(at + ": unknown property", body.method(), body.path(),
                with(valid, first + "x", Json.createValue(1)), Set.of(400), first + "x"));
        for (String text : body.texts()) {
            cases.add(Case.json(at + ": " + text + " as a number", body.method(), body.path(),
                    with(valid, text, Json.createValue(12345)), Set.of(400), text));
            cases.add(Case.json(at + ": " + text + " with NUL", body.method(), body.path(),
                    with(valid, text, Json.createValue("a" + NUL + "b")), Set.of(400), text));
            cases.add(Case.json(at + ": " + text + " with a lone surrogate", body.method(), body.path(),
                    with(valid, text, Json.createValue("rt-" + LONE_SURROGATE + "x")), Set.of(400), text));
            if (body.longText() > 0) {
                cases.add(Case.json(at + ": " + text + " far too long", body.method(), body.path(),
                        with(valid, text, Json.createValue("y".repeat(body.longText()))), Set.of(400, 413), text));
            }
        }
        for (String flag : body.flags()) {
            cases.add(Case.json(at + ": " + flag + " as text", body.method(), body.path(),
                    with(valid, flag, Json.createValue("true")), Set.of(400), flag));
            cases.add(Case.json(at + ": " + flag + " as 1", body.method(), body.path(),
                    with(valid, flag, Json.createValue(1)), Set.of(400), flag));
        }
        for (String number : body.numbers()) {
            cases.add(Case.json(at + ": " + number + " as text", body.method(), body.path(),
                    with(valid, number, Json.createValue("3")), Set.of(400), number));
            cases.add(Case.json(at + ": " + number + " as 1.5", body.method(), body.path(),
                    with(valid, number, Json.createValue(new java.math.BigDecimal("1.5"))), Set.of(400), number));
            cases.add(Case.json(at + ": " + number + " past a long", body.method(), body.path(),
                    with(valid, number, Json.createValue(new java.math.BigInteger("9223372036854775808"))),
                    Set.of(400), number));
        }
        cases.addAll(malformed(at, body));
        return cases;
    }

    private static List<Case> malformed(String at, Body body) {
        String valid = body.valid();
        String m = body.method();
        String p = body.path();
        List<Case> cases = new ArrayList<>(List.of(
                Case.json(at + ": text after the body", m, p, valid + " xyz", Set.of(400), null),
                Case.json(at + ": two documents", m, p, valid + valid, Set.of(400), null),
                Case.json(at + ": an array", m, p, "[" + valid + "]", Set.of(400), null),
                Case.json(at + ": just text", m, p, "\"just text\"", Set.of(400), null),
                Case.json(at + ": not JSON", m, p, "{name: 'x'}", Set.of(400), null),
                Case.json(at + ": a key twice", m, p, valid.replaceFirst("\\{", "{\"dup\": 1, \"dup\": 2, "),
                        Set.of(400), "dup"),
                Case.json(at + ": 100,000 levels deep", m, p, "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000),
                        Set.of(400), null),
                new Case(at + ": invalid UTF-8", m, p, invalidUtf8(valid), "application/json", Set.of(400), null, true)));
        if (body.required()) {
            cases.add(Case.json(at + ": null", m, p, "null", Set.of(400), null));
            cases.add(new Case(at + ": as text/plain", m, p, valid.getBytes(StandardCharsets.UTF_8), "text/plain",
                    Set.of(415), null, true));
        }
        return cases;
    }

    /** The body with one (possibly nested: {@code a.b}, {@code a[0].b}) field set to {@code value}. */
    static String with(JsonObject body, String path, JsonValue value) {
        return ((JsonValue) set(body, segments(path), 0, value)).toString()
                .replace(NUL, "\\u0000").replace(LONE_SURROGATE, "\\ud800");
    }

    private static JsonValue set(JsonValue node, List<String> segments, int i, JsonValue value) {
        if (i == segments.size()) {
            return value;
        }
        String segment = segments.get(i);
        if (segment.startsWith("[")) {
            JsonArray array = node.asJsonArray();
            int index = Integer.parseInt(segment.substring(1, segment.length() - 1));
            return Json.createArrayBuilder(array).set(index, set(array.get(index), segments, i + 1, value)).build();
        }
        JsonObject object = node.asJsonObject();
        JsonValue child = object.getOrDefault(segment, JsonValue.EMPTY_JSON_OBJECT);
        return Json.createObjectBuilder(object).add(segment, set(child, segments, i + 1, value)).build();
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            segments.add(bracket < 0 ? part : part.substring(0, bracket));
            if (bracket >= 0) {
                segments.add(part.substring(bracket));
            }
        }
        return segments;
    }

    private static byte[] invalidUtf8(String valid) {
        byte[] text = valid.replaceFirst("\\{", "{\"x\": \"@\", ").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '@') {
                text[i] = (byte) 0xff;
            }
        }
        return text;
    }

    static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
