package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away for a while mid-run (every connection dropped, new
 * ones refused, as in a MariaDB restart) and comes back: the server recovers
 * by itself, the run that finished during the outage is recorded with its
 * output and data, the schedule goes on, and no run is left unfinished.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(12);

    @TempDir
    Path home;

    @Test
    void aDatabaseOutageLosesNoRunAndNeedsNoRestart() throws Exception {
        TestDatabase database = TestDatabase.server();
        String url = database.recreate("ses_outage");
        String address = database.host() + ":" + database.port();
        try (CuttableProxy proxy = new CuttableProxy(database.host(), database.port());
             MicroServer node = new MicroServer(home, "-Dses.node.name=outage")
                     .onDatabase(url.replace(address, "127.0.0.1:" + proxy.port())).start()) {
            Api api = new Api(node.uri()).asAdmin();
            String slow = api.createScript("{\"name\": \"outlives-the-outage\", \"mainCode\": %s}".formatted(quote(
                    "import time\ndef main(data):\n    print('started', flush=True)\n    time.sleep(6)\n"
                            + "    print('finished')\n    data['done'] = True\n")));
            String ticker = api.createScript("{\"name\": \"ticker\", \"mainCode\": \"def main(data):\\n    pass\\n\","
                    + " \"schedule\": {\"kind\": \"interval\", \"every\": \"PT1S\"}}");
            String run = api.run(slow, true);
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get("api/runs/" + run + "/log").body().contains("started"));
            ProcessHandle process = node.process();

            Api anonymous = new Api(node.uri());
            assertThat(anonymous.get("health/ready").status()).isEqualTo(200);
            proxy.cut();
            Instant cut = Instant.now();
            Api.Answer down = anonymous.get("health/ready");
            assertThat(down.status()).as("readiness without a database: %s", down.body()).isEqualTo(503);
            assertThat(down.json().getString("status")).isEqualTo("DOWN");
            assertThat(down.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .filter(check -> check.getString("name").equals("database")).findFirst().orElseThrow()
                    .getString("status")).isEqualTo("DOWN");
            assertThat(anonymous.get("health/live").status()).as("alive all the same").isEqualTo(200);
            Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(cut, Instant.now())).toMillis()));
            proxy.restore();
            Instant restored = Instant.now();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Api.Answer ready = anonymous.get("health/ready");
                assertThat(ready.status()).as("readiness after the database came back: %s", ready.body()).isEqualTo(200);
            });

            JsonObject finished = api.awaitFinished(run, Duration.ofSeconds(60));
            assertThat(finished.getString("outcome")).as(finished.toString()).isEqualTo("SUCCEEDED");
            assertThat(finished.getJsonObject("dataAfter").getBoolean("done")).isTrue();
            assertThat(api.get("api/runs/" + run + "/log").body()).contains("started").contains("finished");
            assertThat(api.get("api/scripts/" + slow).json().getJsonObject("data").getBoolean("done")).isTrue();

            await().atMost(Duration.ofSeconds(60)).until(() -> api.runsOf(ticker).stream()
                    .anyMatch(r -> !r.isNull("scheduledFor") && !r.isNull("outcome")
                            && "SUCCEEDED".equals(r.getString("outcome"))
                            && Instant.parse(r.getString("scheduledFor")).isAfter(restored)));
            assertThat(api.patch("api/scripts/" + ticker, "{\"active\": false}").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> api.runsOf(ticker).stream()
                    .allMatch(r -> "FINISHED".equals(r.getString("status"))));
            List<Instant> due = api.runsOf(ticker).stream().filter(r -> !r.isNull("scheduledFor"))
                    .map(r -> Instant.parse(r.getString("scheduledFor"))).toList();
            assertThat(due).as("no occurrence twice").doesNotHaveDuplicates();
            assertThat(process.isAlive()).as("the same server process, never restarted").isTrue();
            assertThat(node.process().pid()).isEqualTo(process.pid());
            System.out.printf("outage of %d s: slow run %s after %d ms; ticker runs %s%n", OUTAGE.toSeconds(),
                    finished.getString("outcome"), finished.getJsonNumber("durationMillis").longValue(),
                    api.runsOf(ticker).stream().collect(java.util.stream.Collectors.groupingBy(
                            r -> r.getString("outcome"), java.util.stream.Collectors.counting())));
        }
    }
}
