package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health and metrics of a node: ready when its database, Python, work directory and sandbox are; runs counted. */
class HealthIT extends MicroIT {

    @Test
    void aWorkingNodeIsReadyAndLive() {
        Api anonymous = new Api(uri().resolve("/"));
        Api.Answer ready = anonymous.get("health/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        JsonObject report = ready.json();
        assertThat(report.getString("status")).isEqualTo("UP");
        Map<String, JsonObject> checks = report.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
        assertThat(checks).containsKeys("database", "python", "work-directory", "sandbox", "runs");
        assertThat(checks.values()).allSatisfy(check -> assertThat(check.getString("status")).isEqualTo("UP"));
        // MariaDB's driver reports "MySQL" here: Payara's batch runtime needs that name (see post-boot-mariadb.asadmin)
        String expected = TestDatabase.suite().map(kind -> kind == TestDatabase.Kind.MARIADB ? "MySQL" : "PostgreSQL")
                .orElse("H2");
        assertThat(checks.get("database").getJsonObject("data").getString("product")).isEqualTo(expected);
        assertThat(checks.get("runs").getJsonObject("data")).containsKeys("sandboxed", "limits");

        assertThat(anonymous.get("health/live").status()).isEqualTo(200);
    }

    @Test
    void theApplicationServesTheSameChecksUnderItsOwnPath() {
        // at the context root "/" (the README's run command) this is the only /health there is
        Api anonymous = new Api(uri());
        Api.Answer ready = anonymous.get("health/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.contentType()).startsWith("application/json");
        Map<String, JsonObject> checks = ready.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
        assertThat(checks).containsOnlyKeys("database", "python", "work-directory", "sandbox", "runs");
        assertThat(checks.get("sandbox").getJsonObject("data").getBoolean("sandboxed"))
                .as("CI installs bubblewrap").isTrue();
        assertThat(anonymous.get("health/live").json().getJsonArray("checks")).hasSize(1);
        assertThat(anonymous.get("health").json().getJsonArray("checks")).hasSize(6);
        assertThat(anonymous.get("health/elsewhere").status()).isEqualTo(404);
    }

    /**
     * The counters are the server's, which other classes share and whose runs may end meanwhile: they grow
     * at least by this test's runs, the failing one among them being FAILED.
     */
    @Test
    void metricsCountRunsByOutcomeWithTheirDurationsAndScheduleLateness() {
        Api admin = asAdmin();
        Api anonymous = new Api(uri());
        Map<String, Double> before = scrape(anonymous);
        String fine = admin.createScript("{\"name\": \"metered-fine\", \"mainCode\": \"def main(data):\\n    pass\\n\"}");
        String failing = admin.createScript("{\"name\": \"metered-failing\","
                + " \"mainCode\": \"def main(data):\\n    raise ValueError('no')\\n\"}");
        admin.awaitFinished(admin.run(fine, true), Duration.ofSeconds(60));
        JsonObject failed = admin.awaitFinished(admin.run(failing, true), Duration.ofSeconds(60));
        String ticker = admin.createScript("{\"name\": \"metered-ticker\", \"mainCode\": \"def main(data):\\n    pass\\n\","
                + " \"schedule\": {\"kind\": \"interval\", \"every\": \"PT1S\"}}");
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.runsOf(ticker).stream()
                .anyMatch(run -> "SUCCEEDED".equals(run.isNull("outcome") ? null : run.getString("outcome"))));
        admin.patch("api/scripts/" + ticker, "{\"active\": false}");

        await().atMost(Duration.ofSeconds(10)).until(() -> value(scrape(anonymous), "ses_schedule_lateness_seconds_count")
                > value(before, "ses_schedule_lateness_seconds_count"));
        Map<String, Double> after = scrape(anonymous);
        assertThat(failed.getString("outcome")).isEqualTo("FAILED");
        assertThat(value(after, "ses_runs_total{outcome=\"FAILED\"}") - value(before, "ses_runs_total{outcome=\"FAILED\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(after, "ses_runs_total{outcome=\"SUCCEEDED\"}")
                - value(before, "ses_runs_total{outcome=\"SUCCEEDED\"}")).isGreaterThanOrEqualTo(2);
        assertThat(value(after, "ses_run_duration_seconds_count") - value(before, "ses_run_duration_seconds_count"))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(after, "ses_run_duration_seconds_bucket{le=\"+Inf\"}"))
                .isEqualTo(value(after, "ses_run_duration_seconds_count"));
        assertThat(after).containsKeys("ses_runs_running", "ses_runs_waiting", "ses_warm_workers_idle");
        Api.Answer raw = anonymous.get("metrics");
        assertThat(raw.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(raw.body()).contains("# TYPE ses_run_duration_seconds histogram").containsPattern("\\{node=\"[^\"]+\"");
    }

    /** Samples by name and labels, without the node label every sample has. */
    private static Map<String, Double> scrape(Api api) {
        Api.Answer answer = api.get("metrics");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .collect(Collectors.toMap(line -> line.substring(0, line.lastIndexOf(' '))
                                .replaceFirst("\\{node=\"[^\"]*\",?", "{").replace("{}", ""),
                        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
    }

    private static double value(Map<String, Double> samples, String name) {
        return samples.getOrDefault(name, 0.0);
    }
}
