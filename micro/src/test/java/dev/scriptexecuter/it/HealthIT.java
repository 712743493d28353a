package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** MicroProfile Health of a node: ready when its database, Python and work directory are. */
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
        assertThat(checks).containsKeys("database", "python", "work-directory", "runs");
        assertThat(checks.values()).allSatisfy(check -> assertThat(check.getString("status")).isEqualTo("UP"));
        // MariaDB's driver reports "MySQL" here: Payara's batch runtime needs that name (see post-boot-mariadb.asadmin)
        String expected = "mariadb".equals(System.getProperty("ses.test.database")) ? "MySQL" : "H2";
        assertThat(checks.get("database").getJsonObject("data").getString("product")).isEqualTo(expected);
        assertThat(checks.get("runs").getJsonObject("data")).containsKeys("sandboxed", "limits");

        assertThat(anonymous.get("health/live").status()).isEqualTo(200);
    }
}
