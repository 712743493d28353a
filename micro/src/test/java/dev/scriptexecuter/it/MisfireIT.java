package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server of its own, with one run slot and three places in the queue: runs
 * beyond them are REJECTED; then it is killed across at least five
 * occurrences of three scripts, and after the restart each misfire policy
 * shows: fire-once one catch-up run, skip none, fire-all one per missed
 * occurrence.
 */
class MisfireIT {

    private static final Duration EVERY = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void runsBeyondTheQueueAreRejectedAndMissedOccurrencesFollowTheMisfirePolicy() throws Exception {
        Map<String, String> scripts;
        Instant killedAt;
        try (MicroServer server = new MicroServer(home, "-Dses.run.max-concurrent=1", "-Dses.run.queue-length=3")
                .start()) {
            Api api = new Api(server.uri()).asAdmin();
            runsBeyondTheQueueAreRejected(api);

            scripts = Map.of("fire-once", everyTwoSeconds(api, "fire-once"), "skip", everyTwoSeconds(api, "skip"),
                    "fire-all", everyTwoSeconds(api, "fire-all"));
            for (String id : scripts.values()) {
                await().atMost(WAIT).until(() -> api.runsOf(id).stream().anyMatch(r -> "SUCCEEDED".equals(outcome(r))));
            }
            server.kill();
            killedAt = Instant.now();
            await().pollDelay(EVERY.multipliedBy(6)).atMost(EVERY.multipliedBy(7)).until(() -> true);

            server.start();
            Api after = new Api(server.uri()).asAdmin();
            for (String id : scripts.values()) {
                assertThat(after.patch("api/scripts/" + id, "{\"active\": false}").status()).isEqualTo(200);
            }
            for (String id : scripts.values()) {
                await().atMost(WAIT).until(() -> after.runsOf(id).stream().allMatch(r -> "FINISHED".equals(r.getString("status"))));
            }

            assertThat(catchUps(after, scripts.get("fire-once"))).as("fire-once: one catch-up run").hasSize(1);
            assertThat(catchUps(after, scripts.get("skip"))).as("skip: none").isEmpty();
            assertThat(after.runsOf(scripts.get("skip"))).as("skip: nothing was due while the server was down")
                    .noneMatch(r -> !r.isNull("scheduledFor") && Instant.parse(r.getString("scheduledFor")).isAfter(killedAt)
                            && Instant.parse(r.getString("scheduledFor")).isBefore(killedAt.plus(EVERY.multipliedBy(6))));

            List<Instant> missed = catchUps(after, scripts.get("fire-all"));
            System.out.printf("catch-up runs after the restart: fire-once %d, skip %d, fire-all %d%n",
                    catchUps(after, scripts.get("fire-once")).size(), catchUps(after, scripts.get("skip")).size(),
                    missed.size());
            assertThat(missed.size()).as("fire-all: a run for each of at least five missed occurrences")
                    .isGreaterThanOrEqualTo(5);
            for (int i = 1; i < missed.size(); i++) {
                assertThat(Duration.between(missed.get(i - 1), missed.get(i))).as("one per occurrence, none left out")
                        .isEqualTo(EVERY);
            }
            Instant lastBeforeKill = after.runsOf(scripts.get("fire-all")).stream()
                    .filter(r -> "SCHEDULED".equals(r.getString("trigger")) && !r.isNull("scheduledFor"))
                    .map(r -> Instant.parse(r.getString("scheduledFor"))).filter(at -> at.isBefore(killedAt))
                    .max(Comparator.naturalOrder()).orElseThrow();
            assertThat(missed.getFirst()).as("from the first occurrence after the last one before the kill")
                    .isEqualTo(lastBeforeKill.plus(EVERY));
            assertThat(after.get("api/scripts/" + scripts.get("fire-all")).json().getJsonObject("policy")
                    .getString("misfire")).isEqualTo("fire-all");
        }
    }

    private static void runsBeyondTheQueueAreRejected(Api api) {
        String sleeper = api.createScript("{\"name\": \"sleeper\", \"mainCode\": %s}".formatted(quote(Api.SLEEPER)));
        List<String> runs = new ArrayList<>();
        runs.add(api.run(sleeper, true));
        api.awaitSleeping(runs.getFirst(), WAIT);
        for (int i = 0; i < 3; i++) {
            runs.add(api.run(sleeper, true));
        }
        Api.Answer refused = api.post("api/scripts/" + sleeper + "/runs", "{\"force\": true}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.json().getString("quota")).isEqualTo("ses.run.queue-length");
        JsonObject rejected = api.awaitFinished(refused.json().getString("runId"), WAIT);
        assertThat(rejected.getString("outcome")).isEqualTo("REJECTED");
        assertThat(rejected.getString("error")).contains("ses.run.max-concurrent=1, ses.run.queue-length=3");
        for (String waiting : runs.subList(1, 4)) {
            assertThat(api.get("api/runs/" + waiting).json().getString("status")).as("waiting for the slot")
                    .isEqualTo("QUEUED");
        }
        for (String run : runs.subList(0, 4)) {
            assertThat(api.post("api/runs/" + run + "/stop", "").status()).isEqualTo(202);
        }
        for (String run : runs.subList(0, 4)) {
            assertThat(api.awaitFinished(run, WAIT).getString("outcome")).isEqualTo("STOPPED");
        }
    }

    private static String everyTwoSeconds(Api api, String misfire) {
        return api.createScript(("{\"name\": %s, \"mainCode\": \"def main(data):\\n    pass\\n\","
                + " \"schedule\": {\"kind\": \"interval\", \"every\": \"PT2S\"}, \"policy\": {\"misfire\": %s}}")
                .formatted(quote("misfire-" + misfire), quote(misfire)));
    }

    private static String outcome(JsonObject run) {
        return run.isNull("outcome") ? null : run.getString("outcome");
    }

    /** When the catch-up runs were due, in order. */
    private static List<Instant> catchUps(Api api, String scriptId) {
        return api.runsOf(scriptId).stream().filter(r -> "CATCH_UP".equals(r.getString("trigger")))
                .map(r -> Instant.parse(r.getString("scheduledFor"))).sorted().toList();
    }
}
