package dev.scriptexecuter.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Incidents on the shared server (which checks every second, with ses.schedule.late-after 2 s and no run slow
 * before 1 s): each opened once and resolved once, and each change reported to the script's webhook once.
 */
class IncidentsIT extends MicroIT {

    private static final Duration WAIT = Duration.ofSeconds(45);

    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private Api api;

    @BeforeEach
    void startReceiver() throws Exception {
        api = asAdmin();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/incidents", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(jakarta.json.Json.createReader(new StringReader(body)).readObject());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aScriptThatHasNotSucceededForLongerThanItShouldIsOverdueOnceUntilItSucceeds() {
        String script = script("def main(data):\n    pass\n", "{\"overdueAfter\": \"PT4S\"}", null);

        await().atMost(WAIT).until(() -> incidents(script, "OVERDUE").size() == 1);
        JsonObject overdue = incidents(script, "OVERDUE").getFirst();
        assertThat(overdue.getBoolean("open")).isTrue();
        assertThat(overdue.getString("detail")).contains("No successful run since it was created")
                .contains("PT4S").contains("policy.overdueAfter");
        assertThat(api.get("api/incidents?open=true&script=" + script).json().getInt("total")).isEqualTo(1);
        sleep(Duration.ofSeconds(3)); // three more checks, on a node that sees it overdue all along
        assertThat(incidents(script, "OVERDUE")).as("opened once").hasSize(1);

        api.awaitFinished(api.run(script, true), WAIT);
        pause(script); // at once: 4 s without another success would make it overdue again, rightly

        await().atMost(WAIT).until(() -> !incidents(script, "OVERDUE").getFirst().getBoolean("open"));
        JsonObject resolved = incidents(script, "OVERDUE").getFirst();
        // the run's end resolves it; a check that sees the success first says so in its own words
        assertThat(resolved.getString("resolution")).matches("(It succeeded again|No longer overdue).*");
        assertThat(resolved.getString("resolvedAt")).isNotBlank();
        await().atMost(WAIT).until(() -> received.size() >= 2);
        sleep(Duration.ofSeconds(2));
        assertThat(received.stream().map(m -> m.getString("event")).toList()).containsExactly("overdue", "resolved");
        assertThat(received.getFirst().getString("incidentId")).isEqualTo(overdue.getString("id"));
        assertThat(metrics()).containsPattern("ses_incidents_open\\{[^}]*kind=\"overdue\"\\} \\d+");
        assertThat(incidents(script, "OVERDUE")).as("paused: not overdue again").hasSize(1);
    }

    @Test
    void aRunGoingOnPastItsWarningIsSlowUntilItEndsAndGoesOn() {
        String script = script("import time\ndef main(data):\n    time.sleep(5)\n    print('done')\n",
                "{\"warnAfter\": \"PT2S\"}", null);
        String run = api.run(script, true);

        await().atMost(WAIT).until(() -> incidents(script, "SLOW").size() == 1);
        JsonObject slow = incidents(script, "SLOW").getFirst();
        assertThat(slow.getString("runId")).isEqualTo(run);
        assertThat(slow.getBoolean("open")).isTrue();
        assertThat(slow.getString("detail")).contains("policy.warnAfter").contains("It goes on");

        JsonObject finished = api.awaitFinished(run, WAIT);
        assertThat(finished.getString("outcome")).as("a slow run is not stopped").isEqualTo("SUCCEEDED");
        await().atMost(WAIT).until(() -> !incidents(script, "SLOW").getFirst().getBoolean("open"));
        assertThat(incidents(script, "SLOW")).hasSize(1);
        await().atMost(WAIT).until(() -> received.size() >= 2);
        assertThat(received.stream().map(m -> m.getString("event")).toList()).containsExactly("slow", "resolved");
        assertThat(received.getFirst().getString("runId")).isEqualTo(run);
    }

    @Test
    void aRunFarBeyondItsScriptsUsualDurationIsSlow() {
        String script = script("import time\ndef main(data):\n    time.sleep(data.get('nap', 0.05))\n", null, null);
        for (int i = 0; i < 5; i++) {
            api.awaitFinished(api.run(script, true), WAIT);
        }
        assertThat(incidents(script, "SLOW")).isEmpty();
        api.patch("api/scripts/" + script, "{\"data\": {\"nap\": 4}}");

        String run = api.run(script, true);

        await().atMost(WAIT).until(() -> incidents(script, "SLOW").size() == 1);
        assertThat(incidents(script, "SLOW").getFirst().getString("detail")).contains("times its script's usual")
                .contains("p95");
        api.awaitFinished(run, WAIT);
        await().atMost(WAIT).until(() -> !incidents(script, "SLOW").getFirst().getBoolean("open"));
    }

    @Test
    void occurrencesThatWaitTooLongAreLateOnceUntilTheyStartOnTimeAgain() {
        // every second, queued behind a run of 4 s: each occurrence waits seconds before it starts
        String script = script("import time\ndef main(data):\n    time.sleep(4)\n", "{\"overlap\": \"queue\"}",
                "{\"kind\": \"interval\", \"every\": \"1s\"}");

        await().atMost(WAIT).until(() -> incidents(script, "LATE").size() == 1);
        JsonObject late = incidents(script, "LATE").getFirst();
        assertThat(late.getBoolean("open")).isTrue();
        assertThat(late.getString("detail")).contains("ses.schedule.late-after");

        api.patch("api/scripts/" + script, "{\"mainCode\": \"def main(data):\\n    pass\\n\"}");

        await().atMost(WAIT).until(() -> !incidents(script, "LATE").getFirst().getBoolean("open"));
        pause(script);
        assertThat(incidents(script, "LATE")).as("one incident, opened and resolved").hasSize(1);
        await().atMost(WAIT).until(() -> received.size() >= 2);
        assertThat(received.stream().map(m -> m.getString("event")).toList()).startsWith("late", "resolved");
    }

    @Test
    void incidentQueriesAreCheckedAndReadableByEveryRole() {
        assertThat(api.get("api/incidents?kind=gone").status()).isEqualTo(400);
        assertThat(api.get("api/incidents?kind=gone").json().getString("field")).isEqualTo("kind");
        assertThat(api.get("api/incidents?open=maybe").json().getString("field")).isEqualTo("open");
        assertThat(api.get("api/incidents?limit=0").json().getString("field")).isEqualTo("limit");
        assertThat(api.withNewUser("viewer").get("api/incidents?open=true").status()).isEqualTo(200);
        assertThat(api.post("api/scripts", "{\"name\": \"bad-watch\", \"mainCode\": \"def main(data):\\n    pass\\n\","
                + " \"policy\": {\"overdueAfter\": \"soon\"}}").json().getString("field")).isEqualTo("policy.overdueAfter");
    }

    private String script(String code, String policy, String schedule) {
        String id = api.createScript("{\"name\": %s, \"mainCode\": %s, \"policy\": %s, \"schedule\": %s}".formatted(
                quote("incident-" + UUID.randomUUID()), quote(code), policy == null ? "null" : policy,
                schedule == null ? "null" : schedule));
        Api.Answer hook = api.put("api/scripts/" + id + "/webhook", ("{\"url\": %s, \"events\": [\"overdue\", \"late\","
                + " \"slow\", \"resolved\"]}").formatted(quote("http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/incidents")));
        assertThat(hook.status()).as(hook.body()).isEqualTo(200);
        return id;
    }

    private List<JsonObject> incidents(String script, String kind) {
        return api.get("api/incidents?script=" + script + "&kind=" + kind).json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject).toList();
    }

    private String metrics() {
        return api.get("metrics").body();
    }

    private void pause(String script) {
        api.post("api/scripts/" + script + "/pause", "");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
