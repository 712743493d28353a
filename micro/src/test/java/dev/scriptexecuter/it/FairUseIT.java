package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fair use of a node with its default quotas (8 slots; per script 4 running and 10 more waiting, per user
 * 4 running and 20 more waiting): one user's forced runs are refused with 429 past a quota, naming it, and
 * recorded REJECTED, while another user's run still starts and finishes as the first user's wait.
 */
class FairUseIT extends MicroIT {

    private static final Duration RUN_TIME = Duration.ofSeconds(60);

    private static String script(Api api, String main) {
        return api.createScript("{\"name\": %s, \"mainCode\": %s, \"policy\": {\"overlap\": \"allow\"}}".formatted(
                quote("fair-" + UUID.randomUUID()), quote(main)));
    }

    private static List<String> force(Api api, String scriptId, int times) {
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            runIds.add(api.run(scriptId, true));
        }
        return runIds;
    }

    @Test
    void oneUsersRunsAreRefusedPastTheirQuotasWhileAnotherUsersRunStillStarts() {
        Api alice = asAdmin().withNewUser("user");
        Api bob = asAdmin().withNewUser("user");
        String sleeper = script(alice, Api.SLEEPER);
        String other = script(alice, Api.SLEEPER);
        List<String> aliceRuns = new ArrayList<>(force(alice, sleeper, 14));

        Api.Answer overScript = alice.post("api/scripts/" + sleeper + "/runs", "{\"force\": true}");

        assertThat(overScript.status()).as(overScript.body()).isEqualTo(429);
        assertThat(overScript.contentType()).startsWith("application/problem+json");
        JsonObject problem = overScript.json();
        assertThat(problem.getString("quota")).isEqualTo("ses.run.max-queued-per-script");
        assertThat(problem.getInt("limit")).isEqualTo(10);
        assertThat(problem.getString("detail")).contains("ses.run.max-running-per-script=4");
        JsonObject rejected = alice.get("api/runs/" + problem.getString("runId")).json();
        assertThat(rejected.getString("outcome")).isEqualTo("REJECTED");
        assertThat(rejected.getString("error")).contains("ses.run.max-queued-per-script");

        aliceRuns.addAll(force(alice, other, 10));
        Api.Answer overUser = alice.post("api/scripts/" + script(alice, "def main(data):\n    pass\n") + "/runs", "{}");
        assertThat(overUser.status()).as(overUser.body()).isEqualTo(429);
        assertThat(overUser.json().getString("quota")).isEqualTo("ses.run.max-queued-per-user");

        String bobsRun = bob.run(script(bob, "def main(data):\n    data['ran'] = True\n"), true);
        JsonObject bobs = bob.awaitFinished(bobsRun, RUN_TIME);

        assertThat(bobs.getString("outcome")).as(bobs.toString()).isEqualTo("SUCCEEDED");
        List<String> aliceStatuses = aliceRuns.stream()
                .map(id -> alice.get("api/runs/" + id).json().getString("status")).toList();
        assertThat(aliceStatuses).as("alice's runs wait while bob's ran").contains("QUEUED")
                .filteredOn("RUNNING"::equals).hasSize(4);
        assertThat(bobs.getString("requestedBy")).isNotEqualTo(
                alice.get("api/runs/" + aliceRuns.get(0)).json().getString("requestedBy"));

        aliceRuns.forEach(id -> alice.post("api/runs/" + id + "/stop", ""));
        aliceRuns.forEach(id -> assertThat(alice.awaitFinished(id, RUN_TIME).getString("outcome")).isEqualTo("STOPPED"));
    }
}
