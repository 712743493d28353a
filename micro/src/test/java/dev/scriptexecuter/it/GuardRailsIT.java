package dev.scriptexecuter.it;

import dev.scriptexecuter.execution.control.RunProcesses;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guard-rails through the real server: a script's own timeout, output that
 * would swamp the server, the sandbox and its admin-only network switch,
 * overlap policies with a 3 s script on a 1 s interval, and retries.
 */
class GuardRailsIT extends MicroIT {

    private static final Duration RUN_TIME = Duration.ofSeconds(60);

    private Api api;

    @BeforeEach
    void setUp() {
        api = asAdmin();
    }

    private String script(String main, String policy) {
        return api.createScript("{\"name\": %s, \"mainCode\": %s, \"policy\": %s}".formatted(
                quote("guard-" + UUID.randomUUID()), quote(main), policy));
    }

    @Test
    void aBusyLoopEndsAtTheScriptsOwnTimeoutWithNothingLeft() {
        String id = script("def main(data):\n    while True:\n        pass\n", "{\"timeout\": \"2s\"}");
        assertThat(api.get("api/scripts/" + id).json().getJsonObject("policy").getString("timeout")).isEqualTo("PT2S");

        String runId = api.run(id, true);
        JsonObject run = api.awaitFinished(runId, RUN_TIME);

        assertThat(run.getString("outcome")).isEqualTo("TIMED_OUT");
        assertThat(run.getString("error")).contains("PT2S").contains("the script's timeout");
        assertThat(run.getJsonNumber("durationMillis").longValue()).isLessThan(30_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> RunProcesses.of(runId).isEmpty());
    }

    @Test
    void aGigabyteOfOutputIsCappedAndTheServerCarriesOn() {
        String id = script("def main(data):\n    print('x' * 10**9)\n    print('still here')\n", "null");

        JsonObject run = api.awaitFinished(api.run(id, true), Duration.ofMinutes(2));

        assertThat(run.getString("outcome")).as(run.toString()).isEqualTo("SUCCEEDED");
        String log = api.get("api/runs/" + run.getString("id") + "/log").body();
        assertThat(log.length()).as("at most the 1 MiB cap").isLessThan((1 << 20) + 4096);
        assertThat(log).containsPattern("\\d+ bytes").contains("still here");
        assertThat(api.get("api/auth/me").status()).isEqualTo(200);
    }

    @Test
    void theSandboxHidesTheDatabaseAndTheNetworkUnlessAnAdminAllowsIt() throws Exception {
        try (ServerSocket listening = new ServerSocket(0)) {
            String main = """
                    import os, socket
                    def main(data):
                        home = os.environ['HOME']
                        data['database'] = os.path.exists(os.path.join(home, '..', '..', '..', 'lib', 'databases'))
                        data['others'] = len(os.listdir(os.path.join(home, '..')))
                        s = socket.socket()
                        s.settimeout(3)
                        data['connect'] = s.connect_ex(('127.0.0.1', %d))
                    """.formatted(listening.getLocalPort());
            String id = script(main, "null");

            JsonObject closed = api.awaitFinished(api.run(id, true), RUN_TIME);

            assertThat(closed.getString("outcome")).as(closed.toString()).isEqualTo("SUCCEEDED");
            JsonObject seen = closed.getJsonObject("dataAfter");
            assertThat(seen.getBoolean("database")).as("the H2 files next to the work directory").isFalse();
            assertThat(seen.getInt("others")).as("other scripts' homes").isEqualTo(1);
            assertThat(seen.getInt("connect")).as("no network").isNotZero();

            Api user = api.withNewUser("user");
            Api.Answer refused = user.patch("api/scripts/" + id, "{\"policy\": {\"allowNetwork\": true}}");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().getString("detail")).contains("Only an admin");
            assertThat(user.patch("api/scripts/" + id, "{\"description\": \"edited by a user\"}").status())
                    .as("a user may still edit the rest").isEqualTo(200);

            assertThat(api.patch("api/scripts/" + id, "{\"policy\": {\"allowNetwork\": true}}").status()).isEqualTo(200);
            JsonObject open = api.awaitFinished(api.run(id, true), RUN_TIME);
            assertThat(open.getJsonObject("dataAfter").getInt("connect")).as("network allowed").isZero();
        }
    }

    @Test
    void aScriptSeesHostPathsOfItsOwnOnlyWhenAnAdminAddsThem() throws Exception {
        java.nio.file.Path host = java.nio.file.Files.createTempDirectory("ses-guard-");
        java.nio.file.Path reference = java.nio.file.Files.createDirectories(host.resolve("reference"));
        java.nio.file.Files.writeString(reference.resolve("table.csv"), "x,y\n");
        java.nio.file.Path output = java.nio.file.Files.createDirectories(host.resolve("output"));
        String main = """
                import os
                def main(data):
                    data['there'] = os.path.exists(%s)
                    if data['there']:
                        data['read'] = open(%s).read()
                        open(%s, 'w').write('from the sandbox')
                """.formatted(quote(reference.toString()), quote(reference.resolve("table.csv").toString()),
                quote(output.resolve("result.txt").toString()));
        String id = script(main, "null");
        assertThat(api.awaitFinished(api.run(id, true), RUN_TIME).getJsonObject("dataAfter").getBoolean("there"))
                .as("not bound: absent").isFalse();

        String paths = "{\"policy\": {\"readOnlyPaths\": [%s], \"writablePaths\": [%s]}}"
                .formatted(quote(reference.toString()), quote(output.toString()));
        Api user = api.withNewUser("user");
        Api.Answer refused = user.patch("api/scripts/" + id, paths);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().getString("field")).isEqualTo("policy.readOnlyPaths");
        Api.Answer bad = api.patch("api/scripts/" + id, "{\"policy\": {\"writablePaths\": [\"relative/out\"]}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("field")).isEqualTo("policy.writablePaths[0]");

        JsonObject set = api.patch("api/scripts/" + id, paths).json();
        assertThat(set.getJsonObject("policy").getJsonArray("readOnlyPaths").getString(0)).isEqualTo(reference.toString());
        assertThat(user.patch("api/scripts/" + id, "{\"description\": \"edited by a user\"}").json()
                .getJsonObject("policy").getJsonArray("writablePaths").getString(0))
                .as("a user's edit keeps them").isEqualTo(output.toString());
        JsonObject run = api.awaitFinished(api.run(id, true), RUN_TIME);
        assertThat(run.getString("outcome")).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.getJsonObject("dataAfter").getString("read")).isEqualTo("x,y\n");
        assertThat(output.resolve("result.txt")).hasContent("from the sandbox");
    }

    @Test
    void overlapPoliciesWithAThreeSecondScriptOnAOneSecondInterval() {
        String slow = "import time\ndef main(data):\n    time.sleep(3)\n";
        String schedule = ", \"schedule\": {\"kind\": \"interval\", \"every\": \"1s\"}";
        String skip = api.createScript(("{\"name\": %s, \"mainCode\": %s, \"policy\": {\"overlap\": \"skip\"}" + schedule
                + "}").formatted(quote("skip-" + UUID.randomUUID()), quote(slow)));
        String queue = api.createScript(("{\"name\": %s, \"mainCode\": %s, \"policy\": {\"overlap\": \"queue\"}" + schedule
                + "}").formatted(quote("queue-" + UUID.randomUUID()), quote(slow)));
        String allow = api.createScript(("{\"name\": %s, \"mainCode\": %s, \"policy\": {\"overlap\": \"allow\"}" + schedule
                + "}").formatted(quote("allow-" + UUID.randomUUID()), quote(slow)));

        await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> true);
        for (String id : List.of(skip, queue, allow)) {
            assertThat(api.patch("api/scripts/" + id, "{\"active\": false}").status()).isEqualTo(200);
        }
        for (String id : List.of(skip, queue, allow)) {
            await().atMost(RUN_TIME).until(() -> api.runsOf(id).stream().allMatch(r -> "FINISHED".equals(r.getString("status"))));
        }

        List<JsonObject> skipped = api.runsOf(skip);
        assertThat(outcomes(skipped)).contains("SUCCEEDED", "OVERLAPPED").doesNotContain("STOPPED");
        assertThat(overlapping(executed(skipped))).as("skip never runs two at once").isFalse();
        assertThat(waitedBehind(executed(skipped))).as("skip never runs one that was due during another").isFalse();

        List<JsonObject> queued = api.runsOf(queue);
        assertThat(overlapping(executed(queued))).as("queue never runs two at once").isFalse();
        assertThat(waitedBehind(executed(queued))).as("queue runs one that was due during another, afterwards")
                .isTrue();
        assertThat(outcomes(queued)).as("at most one waits; the others are OVERLAPPED").contains("SUCCEEDED", "OVERLAPPED");

        List<JsonObject> allowed = api.runsOf(allow);
        assertThat(outcomes(allowed)).containsOnly("SUCCEEDED");
        assertThat(overlapping(executed(allowed))).as("allow runs them side by side").isTrue();
        System.out.printf("overlap policies over 8 s: skip %s, queue %s, allow %s%n", outcomes(skipped),
                outcomes(queued), outcomes(allowed));
    }

    @Test
    void aFailingScriptIsRetriedAsLinkedRunsOfItsOwn() {
        String id = script("def main(data):\n    raise RuntimeError('always')\n",
                "{\"retries\": 2, \"retryBackoff\": \"1s\"}");

        String first = api.run(id, true);
        await().atMost(RUN_TIME).until(() -> api.runsOf(id).size() == 3
                && api.runsOf(id).stream().allMatch(r -> "FINISHED".equals(r.getString("status"))));

        List<JsonObject> tries = api.runsOf(id).stream().sorted(Comparator.comparingInt(r -> r.getInt("attempt"))).toList();
        assertThat(tries).extracting(r -> r.getInt("attempt")).containsExactly(1, 2, 3);
        assertThat(tries).extracting(r -> r.getString("outcome")).containsOnly("FAILED");
        assertThat(tries.get(0).getString("id")).isEqualTo(first);
        assertThat(tries.get(0).get("retryOf")).isEqualTo(JsonValue.NULL);
        assertThat(tries.subList(1, 3)).allSatisfy(r -> assertThat(r.getString("retryOf")).isEqualTo(first));
        Instant secondQueued = Instant.parse(tries.get(1).getString("queuedAt"));
        assertThat(secondQueued).as("after the backoff")
                .isAfterOrEqualTo(Instant.parse(tries.get(0).getString("finishedAt")).plusMillis(900));
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        assertThat(api.runsOf(id)).as("no fourth try").hasSize(3);
    }

    @Test
    void aScriptChoosesWarmWorkersOrSpawningThroughItsPolicy() {
        String who = "import os\ndef main(data):\n    data['pid'] = os.getpid()\n";
        String warm = script(who, "{\"runMode\": \"warm\"}");
        String spawned = script(who, "{\"runMode\": \"spawn\"}");
        assertThat(api.get("api/scripts/" + warm).json().getJsonObject("policy").getString("runMode")).isEqualTo("warm");

        List<JsonObject> warmRuns = List.of(api.awaitFinished(api.run(warm, true), RUN_TIME),
                api.awaitFinished(api.run(warm, true), RUN_TIME));
        String spawnedRun = api.run(spawned, true);
        await().atMost(RUN_TIME).until(() -> "FINISHED".equals(api.get("api/runs/" + spawnedRun).json().getString("status")));
        JsonObject spawnedResult = api.get("api/runs/" + spawnedRun).json();

        assertThat(warmRuns).allSatisfy(run -> {
            assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
            assertThat(run.getString("processMode")).isEqualTo("warm");
        });
        assertThat(spawnedResult.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(spawnedResult.getString("processMode")).isEqualTo("spawn");

        Api.Answer refused = api.patch("api/scripts/" + warm, "{\"policy\": {\"runMode\": \"hot\"}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("field")).isEqualTo("policy.runMode");
        assertThat(refused.json().getString("detail")).contains("spawn, warm");
        assertThat(api.patch("api/scripts/" + warm, "{\"policy\": {\"runMode\": \"default\"}}").json()
                .getJsonObject("policy").isNull("runMode")).as("back to the node's default").isTrue();
    }

    private static List<String> outcomes(List<JsonObject> runs) {
        return runs.stream().map(r -> r.getString("outcome")).distinct().sorted().toList();
    }

    /** The runs that really ran, oldest first. */
    private static List<JsonObject> executed(List<JsonObject> runs) {
        return runs.stream().filter(r -> !r.isNull("startedAt"))
                .sorted(Comparator.comparing(r -> Instant.parse(r.getString("startedAt")))).toList();
    }

    /** Whether a run that was recorded while the one before it ran was executed (after it). */
    private static boolean waitedBehind(List<JsonObject> runs) {
        for (int i = 1; i < runs.size(); i++) {
            Instant previousEnd = Instant.parse(runs.get(i - 1).getString("finishedAt"));
            if (Instant.parse(runs.get(i).getString("queuedAt")).isBefore(previousEnd)) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlapping(List<JsonObject> runs) {
        for (int i = 1; i < runs.size(); i++) {
            Instant previousEnd = Instant.parse(runs.get(i - 1).getString("finishedAt"));
            if (Instant.parse(runs.get(i).getString("startedAt")).isBefore(previousEnd)) {
                return true;
            }
        }
        return false;
    }
}
