package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Scripts, data and history survive a restart; a run cut off by a killed server is INTERRUPTED. */
class RestartIT {

    private static final Duration RUN_TIME = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @Test
    void everythingSurvivesAKilledServer() throws Exception {
        String counter;
        String sleeper;
        String sleeperRun;
        long sleeperPid;
        try (MicroServer server = new MicroServer(home).start()) {
            Api api = new Api(server.uri()).asAdmin();
            counter = api.createScript("{\"name\": \"counter\", \"mainCode\": %s}".formatted(
                    quote("def main(data):\n    data[\"n\"] = data.get(\"n\", 0) + 1\n")));
            api.awaitFinished(api.run(counter, false), RUN_TIME);
            api.awaitFinished(api.run(counter, false), RUN_TIME);
            sleeper = api.createScript("{\"name\": \"sleeper\", \"mainCode\": %s}".formatted(quote(Api.SLEEPER)));
            sleeperRun = api.run(sleeper, true);
            sleeperPid = api.awaitPid(sleeperRun, RUN_TIME);

            server.kill();
        }
        await("the orphaned run ends itself when its server dies").atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(sleeperPid).map(p -> !p.isAlive()).orElse(true));

        try (MicroServer server = new MicroServer(home).start()) {
            Api api = new Api(server.uri()).asAdmin();
            JsonObject script = api.get("api/scripts/" + counter).json();
            assertThat(script.getString("name")).isEqualTo("counter");
            assertThat(script.getJsonObject("data").getInt("n")).isEqualTo(2);
            Map<String, Long> outcomes = api.get("api/scripts/" + counter + "/runs").json().getJsonArray("items")
                    .stream().collect(Collectors.groupingBy(r -> r.asJsonObject().getString("outcome"),
                            Collectors.counting()));
            assertThat(outcomes).isEqualTo(Map.of("SUCCEEDED", 2L));

            Api.Answer found = api.get("api/runs/" + sleeperRun);
            assertThat(found.status()).as("the run cut off by the kill is still recorded: %s", found.body()).isEqualTo(200);
            JsonObject interrupted = found.json();
            assertThat(interrupted.getString("status")).isEqualTo("FINISHED");
            assertThat(interrupted.getString("outcome")).isEqualTo("INTERRUPTED");
            assertThat(api.get("api/scripts/" + sleeper).json().getJsonObject("lastRun").getString("outcome"))
                    .isEqualTo("INTERRUPTED");

            assertThat(api.awaitFinished(api.run(counter, false), RUN_TIME).getString("outcome")).isEqualTo("SUCCEEDED");
            assertThat(api.get("api/scripts/" + counter).json().getJsonObject("data").getInt("n")).isEqualTo(3);
        }
    }
}
