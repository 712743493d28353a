package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pausing a schedule for a while: the script resumes by itself, and the
 * occurrences it missed meanwhile run as its misfire policy says (one
 * catch-up, or none), not one run each.
 */
@ExtendWith(SharedServer.class)
class PauseIT {

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(SharedServer.uri()).asAdmin();
    }

    @Test
    void aPauseForAWhileEndsByItselfAndRunsOnceForAllItMissed() {
        String script = everySecond("fire-once");
        awaitRuns(script, 1);

        JsonObject paused = pause(script, "{\"duration\": \"PT4S\"}");
        Instant pausedAt = Instant.now();

        assertThat(paused.getBoolean("active")).isFalse();
        Instant until = Instant.parse(paused.getString("pausedUntil"));
        assertThat(until).isBetween(pausedAt.plusSeconds(2), pausedAt.plusSeconds(6));
        assertThat(paused.isNull("nextRunAt")).isTrue();
        // resumed by the scheduler within its resync period after the pause's end
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("api/scripts/" + script).json().getBoolean("active"));
        assertThat(api.get("api/scripts/" + script).json().isNull("pausedUntil")).isTrue();
        List<JsonObject> audit = api.get("api/audit?action=SCRIPT_UPDATED&target=" + script).json()
                .getJsonArray("items").stream().map(e -> e.asJsonObject()).toList();
        assertThat(audit).anyMatch(entry -> entry.getString("detail").startsWith("paused until " + until));
        Instant resumedAt = audit.stream().filter(entry -> entry.getString("detail").startsWith("resumed: its pause until"))
                .map(entry -> Instant.parse(entry.getString("at"))).findFirst().orElseThrow();
        assertThat(resumedAt).isAfterOrEqualTo(until);

        // the schedule goes on after the resume ...
        await().atMost(Duration.ofSeconds(30)).until(() -> dueBetween(script, resumedAt, resumedAt.plusSeconds(60)).size() >= 2);
        // ... and of the four or more occurrences that came due while paused, one ran (the newest: fire-once).
        // On a loaded machine the resumed schedule's first timer can fire over a second late, and then records
        // the occurrence it overran MISSED, saying so; that row may fall before the audit's resume time.
        List<JsonObject> whilePaused = dueBetween(script, pausedAt.plusMillis(1500), resumedAt);
        List<JsonObject> ran = whilePaused.stream().filter(run -> !"MISSED".equals(run.getString("outcome"))).toList();
        assertThat(ran).as("runs of the occurrences due while paused, of %s", whilePaused).hasSize(1);
        assertThat(ran.getFirst().getString("trigger")).isIn("CATCH_UP", "SCHEDULED");
        assertThat(whilePaused).as("any other row is a late timer's MISSED").filteredOn(run -> !ran.contains(run))
                .allSatisfy(run -> assertThat(run.getString("error")).contains("fired late"));
        api.post("api/scripts/" + script + "/pause", "");
    }

    @Test
    void resumingByHandCatchesUpTheNewestMissedOccurrenceOnce() {
        // every 10 s from a moment chosen here: paused after the first, resumed 3 s after the second was due
        Instant start = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String script = api.createScript(("{\"name\": %s, \"mainCode\": \"def main(data):\\n    pass\\n\","
                + " \"schedule\": {\"kind\": \"interval\", \"every\": \"10s\", \"startAt\": %s},"
                + " \"policy\": {\"misfire\": \"fire-once\"}}").formatted(quote("pause-" + UUID.randomUUID()),
                quote(start.toString())));
        sleepUntil(start.plusSeconds(1));
        pause(script, "");
        sleepUntil(start.plusSeconds(13));

        Api.Answer resumed = api.post("api/scripts/" + script + "/resume", "");

        assertThat(resumed.status()).isEqualTo(200);
        Instant missed = start.plusSeconds(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> dueBetween(script, missed, missed).size() == 1);
        JsonObject catchUp = dueBetween(script, missed, missed).getFirst();
        assertThat(catchUp.getString("trigger")).as("3 s late: a catch-up").isEqualTo("CATCH_UP");
        assertThat(api.awaitFinished(catchUp.getString("id"), Duration.ofMinutes(1)).getString("outcome"))
                .isEqualTo("SUCCEEDED");
        assertThat(runs(script)).as("the first occurrence and the catch-up").hasSize(2);
        api.post("api/scripts/" + script + "/pause", "");
    }

    @Test
    void resumingByHandASkippingScriptCatchesNothingUp() {
        String script = everySecond("skip");
        awaitRuns(script, 1);
        pause(script, "{\"until\": \"" + Instant.now().plus(Duration.ofHours(1)) + "\"}");
        Instant pausedAt = Instant.now();
        sleep(Duration.ofSeconds(3));

        Api.Answer resumed = api.post("api/scripts/" + script + "/resume", "");

        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().getBoolean("active")).isTrue();
        assertThat(resumed.json().isNull("pausedUntil")).isTrue();
        Instant resumedAt = Instant.now();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs(script).stream().anyMatch(r ->
                Instant.parse(r.getString("queuedAt")).isAfter(resumedAt)));
        assertThat(runs(script)).noneMatch(r -> "CATCH_UP".equals(r.getString("trigger")));
        assertThat(runs(script).stream().filter(r -> !r.isNull("scheduledFor")).map(r -> Instant.parse(r.getString("scheduledFor")))
                .filter(due -> due.isAfter(pausedAt.plusMillis(1500)) && due.isBefore(resumedAt.minusMillis(500))))
                .as("nothing for the occurrences missed while paused (misfire skip)").isEmpty();
        api.post("api/scripts/" + script + "/pause", "");
    }

    @Test
    void aPauseIsRefusedWithAClearErrorWhenItsEndMakesNoSense() {
        String script = everySecond("fire-once");
        try {
            assertRefused(script, "{\"until\": \"2020-01-01T00:00:00Z\"}", "until");
            assertRefused(script, "{\"until\": \"" + Instant.now().plus(Duration.ofDays(400)) + "\"}", "until");
            assertRefused(script, "{\"duration\": \"PT0S\"}", "duration");
            assertRefused(script, "{\"duration\": \"soon\"}", "duration");
            assertRefused(script, "{\"until\": \"2030-01-01T00:00:00Z\", \"duration\": \"PT1H\"}", "duration");
            assertRefused(script, "{\"until\": \"2030-01-01T00:00:00Z\", \"reason\": \"lunch\"}", "reason");
            assertThat(api.get("api/scripts/" + script).json().getBoolean("active")).as("nothing changed").isTrue();

            JsonObject paused = pause(script, "");
            assertThat(paused.getBoolean("active")).isFalse();
            assertThat(paused.isNull("pausedUntil")).as("paused until somebody resumes it").isTrue();
            assertThat(api.withNewUser("viewer").post("api/scripts/" + script + "/resume", "").status()).isEqualTo(403);
        } finally {
            api.post("api/scripts/" + script + "/pause", "");
        }
    }

    /** The script's runs due from {@code from} to {@code to}, both included. */
    private List<JsonObject> dueBetween(String script, Instant from, Instant to) {
        return runs(script).stream().filter(r -> !r.isNull("scheduledFor")).filter(r -> {
            Instant due = Instant.parse(r.getString("scheduledFor"));
            return !due.isBefore(from) && !due.isAfter(to);
        }).toList();
    }

    private static void sleepUntil(Instant moment) {
        sleep(Duration.between(Instant.now(), moment));
    }

    private void assertRefused(String script, String body, String field) {
        Api.Answer answer = api.post("api/scripts/" + script + "/pause", body);
        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.json().getString("field")).as(body).isEqualTo(field);
    }

    private JsonObject pause(String script, String body) {
        Api.Answer answer = api.post("api/scripts/" + script + "/pause", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private String everySecond(String misfire) {
        return api.createScript(("{\"name\": %s, \"mainCode\": \"def main(data):\\n    pass\\n\","
                + " \"schedule\": {\"kind\": \"interval\", \"every\": \"1s\"}, \"policy\": {\"misfire\": %s}}")
                .formatted(quote("pause-" + UUID.randomUUID()), quote(misfire)));
    }

    private void awaitRuns(String script, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> runs(script).size() >= count);
    }

    private List<JsonObject> runs(String script) {
        return api.runsOf(script);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
