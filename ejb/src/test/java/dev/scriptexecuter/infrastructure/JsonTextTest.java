package dev.scriptexecuter.infrastructure;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTextTest {

    private final JsonText cut = new JsonText(8);

    @Test
    void readsOneValue() {
        JsonValue value = cut.read("{\"a\": [1, \"x\", null, true], \"b\": {\"c\": 1.5}}");
        assertThat(value.asJsonObject().getJsonArray("a")).hasSize(4);
        assertThat(value.asJsonObject().getJsonObject("b").getJsonNumber("c").doubleValue()).isEqualTo(1.5);
        assertThat(cut.read("  ")).isNull();
        assertThat(cut.read(new byte[0])).isNull();
    }

    @Test
    void refusesAnythingAfterTheValue() {
        assertRefused("{\"name\": \"a\"} xyz", null, "not valid JSON");
        assertRefused("{}{}", null, "not valid JSON");
        assertRefused("[1] [2]", null, "not valid JSON");
        assertRefused("{\"a\": 1", null, "JSON");
    }

    @Test
    void refusesAPropertyNamedTwice() {
        assertRefused("{\"a\": {\"b\": 1, \"b\": 2}}", "a.b", "appears twice");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        assertThat(cut.read("[[[[[[[[1]]]]]]]]")).isNotNull();
        assertRefused("[[[[[[[[[1]]]]]]]]]", null, "more than 8");
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertRefused(deep, null, "ses.api.max-json-depth");
    }

    @Test
    void refusesNulAndLoneSurrogatesNamingTheField() {
        assertRefused("{\"cron\": \"0 * * * *\\u0000\"}", "cron", "NUL");
        assertRefused("{\"x\": [\"ok\", \"rt-\\ud800x\"]}", "x[1]", "surrogate");
        assertRefused("{\"x\": \"\\udc00\"}", "x", "surrogate");
        assertRefused("{\"a\\u0000\": 1}", "a\u0000", "NUL");
        assertThat(cut.read("{\"x\": \"\\ud83d\\ude00\"}").asJsonObject().getString("x")).isEqualTo("😀");
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] body = {'{', '"', 'n', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
        assertThatThrownBy(() -> cut.read(body)).isInstanceOf(RequestRejected.class).hasMessageContaining("UTF-8");
        byte[] overlong = {'"', (byte) 0xc0, (byte) 0xaf, '"'};
        assertThatThrownBy(() -> cut.read(overlong)).isInstanceOf(RequestRejected.class).hasMessageContaining("UTF-8");
        assertThat(cut.read("\"é\"".getBytes(StandardCharsets.UTF_8)).toString()).isEqualTo("\"é\"");
    }

    private void assertRefused(String text, String field, String expected) {
        assertThatThrownBy(() -> cut.read(text)).isInstanceOfSatisfying(RequestRejected.class, e -> {
            assertThat(e.reason()).isEqualTo(RequestRejected.Reason.INVALID);
            assertThat(e.details().get("field")).isEqualTo(field);
        }).hasMessageContaining(expected);
    }
}
