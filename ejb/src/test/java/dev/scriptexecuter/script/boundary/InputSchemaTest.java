package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.infrastructure.RequestRejected;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputSchemaTest {

    private static final InputSchema COPY = InputSchema.parse(Json.parseObject("""
            {"properties": {
               "table": {"type": "string", "title": "Table", "enum": ["orders", "customers"]},
               "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100,
                         "description": "rows at most"},
               "ratio": {"type": "number", "minimum": 0, "maximum": 1},
               "note":  {"type": "string", "minLength": 2, "maxLength": 5},
               "dry":   {"type": "boolean", "default": false},
               "tags":  {"type": "array"},
               "extra": {"type": "object"}},
             "required": ["table", "limit"],
             "additionalProperties": false}
            """));

    private static JsonObject input(String json) {
        return Json.parseObject(json);
    }

    private static void refused(String json, String field, String detail) {
        assertThatThrownBy(() -> COPY.apply(input(json))).isInstanceOfSatisfying(RequestRejected.class, e -> {
            assertThat(e.details()).containsEntry("field", field);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    private static void badSchema(String json, String field, String detail) {
        assertThatThrownBy(() -> InputSchema.parse(Json.parseObject(json)))
                .isInstanceOfSatisfying(RequestRejected.class, e -> {
                    assertThat(e.details()).containsEntry("field", field);
                    assertThat(e.getMessage()).contains(detail);
                });
    }

    @Test
    void anInputIsCheckedAndGetsTheDefaults() {
        assertThat(COPY.apply(input("{\"table\": \"orders\", \"tags\": [1], \"ratio\": 0.5}")))
                .isEqualTo(input("{\"table\": \"orders\", \"tags\": [1], \"ratio\": 0.5, \"limit\": 100, \"dry\": false}"));
        assertThat(COPY.apply(input("{\"table\": \"orders\", \"limit\": 2.0}")).getJsonNumber("limit").intValue())
                .as("a whole number written with a point").isEqualTo(2);
        assertThat(COPY.defaults()).isEqualTo(input("{\"limit\": 100, \"dry\": false}"));
        assertThat(COPY.requiredWithoutDefault()).containsExactly("table");
        assertThat(COPY.fields()).extracting(InputSchema.Field::label).startsWith("Table", "limit");
    }

    @Test
    void aWrongInputIsRefusedNamingTheField() {
        refused("{}", "input.table", "'Table' is required.");
        refused("{\"table\": \"users\"}", "input.table", "'Table' must be one of \"orders\", \"customers\"; it is \"users\".");
        refused("{\"table\": 5}", "input.table", "'Table' must be a text; it is 5.");
        refused("{\"table\": \"orders\", \"limit\": 0}", "input.limit", "'limit' must be at least 1; it is 0.");
        refused("{\"table\": \"orders\", \"limit\": 1001}", "input.limit", "at most 1000");
        refused("{\"table\": \"orders\", \"limit\": 2.5}", "input.limit", "'limit' must be an integer; it is 2.5.");
        refused("{\"table\": \"orders\", \"limit\": \"10\"}", "input.limit", "must be an integer; it is a text.");
        refused("{\"table\": \"orders\", \"ratio\": 1.5}", "input.ratio", "at most 1");
        refused("{\"table\": \"orders\", \"note\": \"x\"}", "input.note", "at least 2 characters");
        refused("{\"table\": \"orders\", \"note\": \"toolong\"}", "input.note", "at most 5 characters");
        refused("{\"table\": \"orders\", \"dry\": \"yes\"}", "input.dry", "must be true or false");
        refused("{\"table\": \"orders\", \"tags\": {}}", "input.tags", "must be a list; it is an object.");
        refused("{\"table\": \"orders\", \"extra\": []}", "input.extra", "must be an object; it is a list.");
        refused("{\"table\": \"orders\", \"limt\": 5}", "input.limt", "The input has no property 'limt'");
    }

    @Test
    void withoutASchemaAnyObjectIsTaken() {
        assertThat(InputSchema.stored(null).isEmpty()).isTrue();
        assertThat(InputSchema.NONE.apply(input("{\"anything\": [1, 2]}"))).isEqualTo(input("{\"anything\": [1, 2]}"));
        assertThat(InputSchema.parse(input("{\"properties\": {\"a\": {\"type\": \"string\"}}}")).apply(input("{\"b\": 1}")))
                .as("other names allowed unless additionalProperties is false").containsKey("b");
    }

    @Test
    void aSchemaOutsideTheSubsetIsRefusedNamingWhere() {
        badSchema("{\"properties\": {\"a\": {\"type\": \"strin\"}}}", "inputSchema.properties.a.type", "\"type\" is one of");
        badSchema("{\"properties\": {\"a\": {\"type\": \"string\", \"pattern\": \"x\"}}}",
                "inputSchema.properties.a.pattern", "'pattern' is not supported here");
        badSchema("{\"oneOf\": []}", "inputSchema.oneOf", "not supported");
        badSchema("{\"type\": \"array\"}", "inputSchema.type", "An input is a JSON object");
        badSchema("{\"properties\": {\"a\": {\"type\": \"string\"}}, \"required\": [\"b\"]}", "inputSchema.required[0]",
                "\"b\" is none of them");
        badSchema("{\"properties\": {\"a\": {\"type\": \"integer\", \"default\": \"x\"}}}",
                "inputSchema.properties.a.default", "must be an integer; it is a text");
        badSchema("{\"properties\": {\"a\": {\"type\": \"integer\", \"minimum\": 5, \"maximum\": 1}}}",
                "inputSchema.properties.a.minimum", "larger than");
        badSchema("{\"properties\": {\"a\": {\"type\": \"boolean\", \"minimum\": 5}}}",
                "inputSchema.properties.a.minimum", "applies to integer and number properties only");
        badSchema("{\"properties\": {\"a\": {\"type\": \"string\", \"enum\": [\"x\", 2]}}}",
                "inputSchema.properties.a.enum[1]", "must be a text");
        badSchema("{\"properties\": {\"a\": \"string\"}}", "inputSchema.properties.a", "Each property is an object");
        badSchema("{\"properties\": {\"a\": {\"type\": \"string\", \"maxLength\": -1}}}",
                "inputSchema.properties.a.maxLength", "whole number");
    }
}
