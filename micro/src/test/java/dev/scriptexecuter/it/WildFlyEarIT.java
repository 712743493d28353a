package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of the EAR on WildFly 39, configured only by
 * {@code config/wildfly/script-executer.cli}, on MariaDB: a script created
 * through the API is forced, SUCCEEDS with its output and data, and the run went
 * through JBeret (its job repository, in the same database, holds the job
 * execution of that run). The dashboard and MicroProfile Health answer too.
 */
class WildFlyEarIT {

    @TempDir
    Path home;

    @Test
    void theEarRunsAScriptOnWildFlyThroughJBeret() throws Exception {
        String url = FreshDatabase.recreate("ses_wildfly");
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

            assertThat(jberetExecutions(url)).as("JBeret's job executions of script-run")
                    .containsExactly("COMPLETED runId = " + run);

            Api.Answer login = new Api(server.uri()).get("login.xhtml");
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.body()).contains("primefaces");

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

    /** Status and parameters of each execution of the script-run job in JBeret's tables. */
    private static List<String> jberetExecutions(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url,
                System.getProperty("ses.test.mariadb.user", "ses_test"),
                System.getProperty("ses.test.mariadb.password", "ses-test-only"));
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
