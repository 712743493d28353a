package dev.scriptexecuter.it;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Smoke test of the EAR on WildFly 39, configured only by
 * {@code config/wildfly/script-executer.cli}, on MariaDB: a script created
 * through the API is forced, SUCCEEDS with its output and data, and the run went
 * through JBeret (its job repository, in the same database, holds the job
 * execution of that run until a retention purge deletes it, leaving none of
 * JBeret's rows and all of the run's history). The dashboard and MicroProfile Health answer too, with
 * the same security headers and session cookie as on Payara.
 */
class WildFlyEarIT {

    @TempDir
    Path home;

    @Test
    void theEarRunsAScriptOnWildFlyThroughJBeret() throws Exception {
        String url = TestDatabase.server().recreate("ses_wildfly");
        try (WildFlyServer server = new WildFlyServer(home).start(url)) {
            Api api = new Api(server.uri()).asAdmin();
            String script = api.createScript("{\"name\": \"on-wildfly\", \"mainCode\": %s}".formatted(quote(
                    "def main(data):\n    print('hello from the EAR')\n    data['runs'] = data.get('runs', 0) + 1\n")));
            String run = api.run(script, true);

            JsonObject finished = api.awaitFinished(run, Duration.ofMinutes(2));
            assertThat(finished.getString("outcome")).as(finished.toString()).isEqualTo("SUCCEEDED");
            assertThat(finished.getJsonObject("dataAfter").getInt("runs")).isEqualTo(1);
            assertThat(finished.getString("nodeName")).isEqualTo("wildfly");
            assertThat(api.get("api/runs/" + run + "/log").body()).contains("hello from the EAR");

            // the run is finished when its step ends; JBeret marks the job execution COMPLETED in its own commit
            // just after, so the test waits for that rather than read it once
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(jberetExecutions(url)).as("JBeret's job executions of script-run")
                            .containsExactly("COMPLETED runId = " + run));
            Api.Answer purged = api.post("api/retention/purge", "");
            assertThat(purged.json().getInt("deletedJobExecutions")).as(purged.body()).isEqualTo(1);
            assertThat(jberetExecutions(url)).as("JBeret's job executions after a purge").isEmpty();
            assertThat(jberetRows(url)).as("rows left in JBeret's tables").isZero();
            assertThat(api.get("api/runs/" + run).json().getString("outcome")).as("the run's history stays")
                    .isEqualTo("SUCCEEDED");

            Api.Answer login = new Api(server.uri()).get("login.xhtml");
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.body()).contains("primefaces");
            assertSecurityHeaders(server.uri().resolve("login.xhtml"), server.uri().resolve("api/scripts"),
                    server.uri().resolve("no-such-page.xhtml"));

            Api.Answer ready = new Api(server.managementUri()).get("health/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            // WildFly's MicroProfile Health does not collect the checks of an EAR's modules (README): it reports
            // the deployment's state.
            JsonObject deployments = ready.json().getJsonArray("checks")
                    .stream().map(JsonValue::asJsonObject)
                    .filter(check -> "deployments-status".equals(check.getString("name"))).findFirst().orElseThrow();
            assertThat(deployments.getString("status")).isEqualTo("UP");
            assertThat(deployments.getJsonObject("data").getString("script-executer.ear")).isEqualTo("OK");
        }
    }

    /** The headers, the session cookie's SameSite and no product name, as on Payara (DashboardSecurityIT). */
    private static void assertSecurityHeaders(URI... targets) throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        for (URI target : targets) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(target).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpHeaders headers = answer.headers();
            assertThat(headers.firstValue("Content-Security-Policy")).as(target.toString()).isPresent().get()
                    .asString().contains("frame-ancestors 'none'").contains("script-src 'self'");
            assertThat(headers.firstValue("X-Content-Type-Options")).as(target.toString()).hasValue("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).as(target.toString()).hasValue("same-origin");
            assertThat(String.join(" ", headers.allValues("Server")) + String.join(" ", headers.allValues("X-Powered-By"))
                    + answer.body()).as(target.toString()).doesNotContainPattern("(?i)wildfly|undertow|jboss|mojarra")
                    .doesNotContain("Exception");
        }
        HttpResponse<Void> login = client.send(HttpRequest.newBuilder(targets[0]).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement().asString().containsIgnoringCase("SameSite=Lax");
    }

    /** Rows in all of JBeret's tables. */
    private static long jberetRows(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.user(),
                TestDatabase.password());
             PreparedStatement query = connection.prepareStatement("SELECT (SELECT COUNT(*) FROM JOB_INSTANCE)"
                     + " + (SELECT COUNT(*) FROM JOB_EXECUTION) + (SELECT COUNT(*) FROM STEP_EXECUTION)"
                     + " + (SELECT COUNT(*) FROM PARTITION_EXECUTION)");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Status and parameters of each execution of the script-run job in JBeret's tables. */
    private static List<String> jberetExecutions(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.user(),
                TestDatabase.password());
             PreparedStatement query = connection.prepareStatement("""
                     SELECT e.BATCHSTATUS, e.JOBPARAMETERS FROM JOB_EXECUTION e
                     JOIN JOB_INSTANCE i ON i.JOBINSTANCEID = e.JOBINSTANCEID WHERE i.JOBNAME = 'script-run'""");
             ResultSet rows = query.executeQuery()) {
            List<String> executions = new ArrayList<>();
            while (rows.next()) {
                executions.add(rows.getString(1) + " " + rows.getString(2).strip());
            }
            return executions;
        }
    }
}
