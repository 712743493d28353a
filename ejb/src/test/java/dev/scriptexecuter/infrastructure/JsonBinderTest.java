package dev.scriptexecuter.infrastructure;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBinderTest {

    record Schedule(String kind, String every) {
    }

    record Draft(String name, Boolean active, Integer retries, Long big, Schedule schedule, JsonValue data,
                 JsonObject extra, List<Schedule> more, Instant at, int count) {
    }

    private final JsonText text = new JsonText(64);

    private Draft bind(String json) {
        return JsonBinder.bind(text.read(json), Draft.class);
    }

    @Test
    void bindsEveryKindOfField() {
        Draft draft = bind("""
                {"name": "n", "active": false, "retries": 3, "big": 9223372036854775807,
                 "schedule": {"kind": "interval", "every": "PT1M"}, "data": [1], "extra": {"a": 1},
                 "more": [{"kind": "manual"}], "at": "2026-12-01T08:00:00Z", "count": 2}""");
        assertThat(draft.name()).isEqualTo("n");
        assertThat(draft.active()).isFalse();
        assertThat(draft.retries()).isEqualTo(3);
        assertThat(draft.big()).isEqualTo(Long.MAX_VALUE);
        assertThat(draft.schedule()).isEqualTo(new Schedule("interval", "PT1M"));
        assertThat(draft.data().getValueType()).isEqualTo(JsonValue.ValueType.ARRAY);
        assertThat(draft.more()).containsExactly(new Schedule("manual", null));
        assertThat(draft.at()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(draft.count()).isEqualTo(2);
        assertThat(bind("{}").count()).isZero();
        assertThat(JsonBinder.bind(null, Draft.class)).isNull();
    }

    @Test
    void refusesUnknownPropertiesSuggestingTheNearest() {
        assertRefused("{\"shedule\": {}}", "shedule", "Did you mean \"schedule\"?");
        assertRefused("{\"schedule\": {\"evry\": \"PT1M\"}}", "schedule.evry", "Did you mean \"every\"?");
        assertRefused("{\"more\": [{}, {\"kindd\": 1}]}", "more[1].kindd", "Did you mean \"kind\"?");
        assertRefused("{\"zzzzzzzz\": 1}", "zzzzzzzz", "The known ones here are: name, active");
    }

    @Test
    void refusesWrongTypesInsteadOfConverting() {
        assertRefused("{\"name\": 12345}", "name", "must be text");
        assertRefused("{\"retries\": \"3\"}", "retries", "must be a whole number, not text");
        assertRefused("{\"retries\": 1.5}", "retries", "1.5 is not");
        assertRefused("{\"retries\": 2147483648}", "retries", "from -2147483648 to 2147483647");
        assertRefused("{\"big\": 9223372036854775808}", "big", "9223372036854775808 is not");
        assertRefused("{\"active\": \"yes\"}", "active", "true or false");
        assertRefused("{\"active\": 1}", "active", "true or false");
        assertRefused("{\"schedule\": \"manual\"}", "schedule", "must be a JSON object");
        assertRefused("{\"more\": {}}", "more", "must be a JSON array");
        assertRefused("{\"extra\": []}", "extra", "must be a JSON object");
        assertRefused("{\"count\": null}", "count", "must be a whole number, not null");
        assertRefused("{\"at\": \"+999999-01-01T00:00:00Z\"}", "at", "between 1970 and the end of 9999");
        assertThatThrownBy(() -> bind("[]")).isInstanceOf(RequestRejected.class)
                .hasMessage("The request body must be a JSON object, not an array.");
    }

    @Test
    void suggestsOnlyNamesWithinAFewMistakes() {
        assertThat(Suggestions.nearest("shedule", List.of("name", "schedule"))).isEqualTo("schedule");
        assertThat(Suggestions.nearest("roles", List.of("username", "password", "role"))).isEqualTo("role");
        assertThat(Suggestions.nearest("colour", List.of("name", "schedule"))).isNull();
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }

    private void assertRefused(String json, String field, String expected) {
        assertThatThrownBy(() -> bind(json)).isInstanceOfSatisfying(RequestRejected.class,
                e -> assertThat(e.details()).containsEntry("field", field)).hasMessageContaining(expected);
    }
}
