package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** The scripts API against the real Micro WAR: CRUD, paging and every kind of bad input. */
class ScriptsApiIT extends MicroIT {

    private static final String MAIN = "def main(data):\n    print('hi')\n";

    private Api api;

    @BeforeEach
    void setUp() throws Exception {
        api = asAdmin();
    }

    @Test
    void createReadReplacePatchDelete() {
        Api.Answer created = api.post("api/scripts", """
                {"name": "crud", "description": "round trip", "mainCode": %s,
                 "schedule": {"kind": "cron", "cron": "0 0 8 * * MON-FRI", "timezone": "Europe/Berlin"},
                 "data": {"n": 1}}""".formatted(quote(MAIN)));
        assertThat(created.status()).isEqualTo(201);
        JsonObject script = created.json();
        String id = script.getString("id");
        assertThat(script.getString("name")).isEqualTo("crud");
        assertThat(script.getBoolean("active")).isTrue();
        assertThat(script.getJsonObject("schedule").getString("kind")).isEqualTo("cron");
        assertThat(script.getJsonObject("data").getInt("n")).isEqualTo(1);
        ZonedDateTime next = Instant.parse(script.getString("nextRunAt")).atZone(ZoneId.of("Europe/Berlin"));
        assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(8, 0));
        assertThat(next.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(script.isNull("lastRun")).isTrue();
        assertThat(script.keySet()).contains("id", "name", "description", "active", "mainCode", "triggerCode",
                "requirements", "schedule", "data", "createdAt", "updatedAt", "nextRunAt", "lastRun");

        assertThat(api.get("api/scripts/" + id).json()).isEqualTo(script);

        Api.Answer replaced = api.put("api/scripts/" + id, """
                {"name": "crud-2", "mainCode": %s, "triggerCode": "def trigger(data):\\n    return True\\n",
                 "schedule": {"kind": "interval", "every": "PT1H", "startAt": "2030-01-01T00:00:00Z"}}"""
                .formatted(quote(MAIN)));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().getString("name")).isEqualTo("crud-2");
        assertThat(replaced.json().getString("nextRunAt")).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(replaced.json().getJsonObject("data").getInt("n")).as("data omitted on PUT is kept").isEqualTo(1);

        Api.Answer paused = api.patch("api/scripts/" + id, "{\"active\": false, \"data\": {\"n\": 5}}");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().getBoolean("active")).isFalse();
        assertThat(paused.json().isNull("nextRunAt")).isTrue();
        assertThat(paused.json().getJsonObject("data").getInt("n")).isEqualTo(5);
        assertThat(paused.json().getString("triggerCode")).contains("def trigger");

        assertThat(api.delete("api/scripts/" + id).status()).isEqualTo(204);
        assertThat(api.get("api/scripts/" + id).status()).isEqualTo(404);
        assertThat(api.delete("api/scripts/" + id).status()).isEqualTo(404);
    }

    @Test
    void listsArePagedByName() {
        for (String name : new String[] {"page-c", "page-a", "page-b"}) {
            api.createScript("{\"name\": \"%s\", \"mainCode\": %s}".formatted(name, quote(MAIN)));
        }
        JsonObject page = api.get("api/scripts?offset=0&limit=2").json();
        assertThat(page.getInt("limit")).isEqualTo(2);
        assertThat(page.getJsonNumber("total").longValue()).isGreaterThanOrEqualTo(3);
        assertThat(page.getJsonArray("items")).hasSize(2);
        JsonObject all = api.get("api/scripts?limit=500").json();
        var names = all.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("name")).toList();
        assertThat(names).isSorted().contains("page-a", "page-b", "page-c");
        assertProblem(api.get("api/scripts?limit=501"), 400, "\"limit\" must be between 1 and 500");
        assertProblem(api.get("api/scripts?offset=-1"), 400, "\"offset\" must be 0 or more");
        assertProblem(api.get("api/scripts?limit=ten"), 400, "\"limit\" must be a whole number");
    }

    @Test
    void badInputIsRefusedWithProblemJsonAndNothingIsSaved() {
        api.createScript("{\"name\": \"taken\", \"mainCode\": %s}".formatted(quote(MAIN)));
        long before = total();

        assertThat(assertProblem(script("syntax", "def main(data):\n    print('x'\n", null), 400,
                "The main code has a syntax error at line 2").getInt("line")).isEqualTo(2);
        assertProblem(script("trigger-syntax", MAIN, "def trigger(data)\n    return 1\n"), 400,
                "The trigger code has a syntax error at line 1");
        assertProblem(script("no-main", "print('hello')\n", null), 400, "'def main(data)'");
        assertProblem(script("no-trigger", MAIN, "x = 1\n"), 400, "'def trigger(data)'");
        assertProblem(script("", MAIN, null), 400, "The name is required.");
        assertProblem(script("n".repeat(101), MAIN, null), 400, "the limit is 100");
        assertProblem(script("taken", MAIN, null), 409, "A script named 'taken' exists already");
        assertProblem(withSchedule("{\"kind\": \"weekly\"}"), 400, "The schedule kind 'weekly' is unknown");
        assertProblem(withSchedule("{\"kind\": \"interval\", \"every\": \"often\"}"), 400, "ISO-8601 duration");
        assertProblem(withSchedule("{\"kind\": \"cron\", \"cron\": \"0 0 25 * * *\"}"), 400,
                "In the hour field of the cron expression, the value 25 is outside 0-23.");
        assertProblem(api.post("api/scripts", "{\"name\": \"broken\", \"mainCode\": "), 400, "not valid JSON");
        assertProblem(api.post("api/scripts", "{\"name\": \"d\", \"mainCode\": %s, \"data\": [1]}"
                .formatted(quote(MAIN))), 400, "\"data\" must be a JSON object");
        assertProblem(api.post("api/scripts", "{\"name\": \"a\", \"mainCode\": %s, \"active\": \"maybe\"}"
                .formatted(quote(MAIN))), 400, "must be true or false");
        JsonObject typo = assertProblem(api.post("api/scripts", "{\"name\": \"typo\", \"mainCode\": %s, \"shedule\":"
                .formatted(quote(MAIN)) + " {\"kind\": \"manual\"}}"), 400, "Did you mean \"schedule\"?");
        assertThat(typo.getString("field")).isEqualTo("shedule");
        assertThat(assertProblem(withSchedule("{\"kind\": \"interval\", \"every\": \"PT9223372036854775807S\"}"), 400,
                "every").getString("field")).isEqualTo("schedule.every");
        assertThat(assertProblem(withSchedule("{\"kind\": \"interval\", \"every\": \"PT1H\", \"startAt\":"
                + " \"+999999-01-01T00:00:00Z\"}"), 400, "9999").getString("field")).isEqualTo("schedule.startAt");
        String huge = MAIN + "# " + "x".repeat(1024 * 1024) + "\n";
        assertProblem(script("huge", huge, null), 413, "the limit is 1048576 bytes");

        assertThat(total()).as("no refused script was saved").isEqualTo(before);
    }

    @Test
    void aRefusedUpdateChangesNothing() {
        String id = api.createScript("{\"name\": \"stable\", \"mainCode\": %s}".formatted(quote(MAIN)));
        JsonObject before = api.get("api/scripts/" + id).json();
        assertProblem(api.put("api/scripts/" + id, "{\"name\": \"stable-2\", \"mainCode\": \"def main(:\"}"), 400,
                "syntax error");
        assertProblem(api.patch("api/scripts/" + id, "{\"schedule\": {\"kind\": \"sometimes\"}}"), 400, "unknown");
        assertThat(api.get("api/scripts/" + id).json()).isEqualTo(before);
        assertProblem(api.put("api/scripts/nope", "{\"name\": \"x\", \"mainCode\": %s}".formatted(quote(MAIN))),
                404, "There is no script with id 'nope'.");
    }

    private Api.Answer script(String name, String main, String trigger) {
        return api.post("api/scripts", "{\"name\": %s, \"mainCode\": %s, \"triggerCode\": %s}"
                .formatted(quote(name), quote(main), trigger == null ? "null" : quote(trigger)));
    }

    private Api.Answer withSchedule(String schedule) {
        return api.post("api/scripts", "{\"name\": \"scheduled\", \"mainCode\": %s, \"schedule\": %s}"
                .formatted(quote(MAIN), schedule));
    }

    private long total() {
        return api.get("api/scripts?limit=1").json().getJsonNumber("total").longValue();
    }

    static JsonObject assertProblem(Api.Answer answer, int status, String detail) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonObject problem = answer.json();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("type")).isNotBlank();
        assertThat(problem.getString("detail")).contains(detail);
        return problem;
    }
}
