package dev.scriptexecuter.it;

import dev.scriptexecuter.execution.control.RunProcesses;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Started as the README's run command starts it (config/payara/start-micro.sh):
 * scripts, data and history survive a restart; a run cut off by a killed server
 * is INTERRUPTED; a token issued before the restart is accepted by the new
 * instance (the signing key lives in the database); no password is stored or
 * logged in clear; Payara Micro is unpacked once, and the ahead-of-time cache
 * that a start records is written at its stop and loaded by the next start.
 */
class RestartIT {

    private static final Duration RUN_TIME = Duration.ofSeconds(30);
    private static final String CAROL_PASSWORD = "carols-very-own-secret";
    private static final String WRONG_GUESS = "a-wrong-guess-4711";

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    @TempDir
    Path home;

    @Test
    void everythingSurvivesAKilledServer() throws Exception {
        String counter;
        String sleeper;
        String sleeperRun;
        String flaky;
        String failedRun;
        String tokenFromFirstInstance;
        try (MicroServer server = new MicroServer(home).throughStartScript(false).start()) {
            Api api = new Api(server.uri()).asAdmin();
            tokenFromFirstInstance = api.token("admin", Api.ADMIN_PASSWORD);
            api.createUser("carol", CAROL_PASSWORD, "user");
            assertThat(new Api(server.uri()).post("api/auth/token",
                    "{\"username\": \"carol\", \"password\": %s}".formatted(quote(WRONG_GUESS))).status()).isEqualTo(401);
            counter = api.createScript("{\"name\": \"counter\", \"mainCode\": %s}".formatted(
                    quote("def main(data):\n    data[\"n\"] = data.get(\"n\", 0) + 1\n")));
            api.awaitFinished(api.run(counter, false), RUN_TIME);
            api.awaitFinished(api.run(counter, false), RUN_TIME);
            // a failed run whose retry is due after the kill below: this server's timer for it dies with it
            flaky = api.createScript(("{\"name\": \"flaky\", \"mainCode\": %s,"
                    + " \"policy\": {\"retries\": 1, \"retryBackoff\": \"PT15S\"}}").formatted(
                    quote("def main(data):\n    raise RuntimeError('not today')\n")));
            failedRun = api.run(flaky, true);
            assertThat(api.awaitFinished(failedRun, RUN_TIME).getString("outcome")).isEqualTo("FAILED");
            sleeper = api.createScript("{\"name\": \"sleeper\", \"mainCode\": %s}".formatted(quote(Api.SLEEPER)));
            sleeperRun = api.run(sleeper, true);
            api.awaitSleeping(sleeperRun, RUN_TIME);

            server.kill();
        }
        await("the orphaned run ends itself when its server dies").atMost(Duration.ofSeconds(10))
                .until(() -> RunProcesses.of(sleeperRun).isEmpty());

        try (MicroServer server = new MicroServer(home).throughStartScript(false).start()) {
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

            // the retry that was pending at the kill is made by the new instance, once
            await("the retry pending at the kill").atMost(Duration.ofSeconds(60))
                    .until(() -> api.runsOf(flaky).size() == 2);
            JsonObject retry = api.runsOf(flaky).getFirst();
            assertThat(retry.getString("retryOf")).isEqualTo(failedRun);
            assertThat(retry.getInt("attempt")).isEqualTo(2);
            assertThat(api.awaitFinished(retry.getString("id"), RUN_TIME).getString("outcome")).isEqualTo("FAILED");
            Thread.sleep(6_000); // a sweep (every ses.schedule.resync, 5 s) after the retry: it is not made again
            assertThat(api.runsOf(flaky)).as("the first try and one retry (retries: 1)").hasSize(2);

            assertThat(api.awaitFinished(api.run(counter, false), RUN_TIME).getString("outcome")).isEqualTo("SUCCEEDED");
            assertThat(api.get("api/scripts/" + counter).json().getJsonObject("data").getInt("n")).isEqualTo(3);

            Api sameToken = new Api(server.uri()).with("Authorization", "Bearer " + tokenFromFirstInstance);
            assertThat(sameToken.get("api/auth/me").status()).as("a token from the first instance").isEqualTo(200);
            assertThat(new Api(server.uri()).login("carol", CAROL_PASSWORD).get("api/auth/me").status()).isEqualTo(200);

            byte[] database = Files.readAllBytes(server.databaseFile());
            String log = Files.readString(server.logFile(), StandardCharsets.UTF_8);
            for (String secret : new String[] {CAROL_PASSWORD, WRONG_GUESS, Api.ADMIN_PASSWORD}) {
                assertThat(contains(database, secret)).as("%s in the database file", secret).isFalse();
                assertThat(log).as("the server log").doesNotContain(secret);
            }
            assertThat(contains(database, "carol")).as("the database file is readable as bytes").isTrue();
            assertThat(log).contains("Failed login for user 'carol'");
        }
    }

    @Test
    void theStartScriptUnpacksOnceAndTheNextStartLoadsTheCacheThisOneRecorded() throws Exception {
        String script;
        Path launcher;
        FileTime unpacked;
        try (MicroServer server = new MicroServer(home).throughStartScript(true).start()) {
            script = new Api(server.uri()).asAdmin().createScript(
                    "{\"name\": \"kept\", \"mainCode\": \"def main(data):\\n    pass\\n\"}");
            launcher = server.rootDir().resolve("launch-micro.jar");
            unpacked = Files.getLastModifiedTime(launcher);
            assertThat(server.stop(Duration.ofMinutes(2))).as("exit status after SIGTERM").isIn(0, 143);
            assertThat(server.log()).contains("recording an ahead-of-time cache");
        }
        Path cache;
        try (Stream<Path> files = Files.list(home.resolve("payara"))) {
            cache = files.filter(f -> f.toString().endsWith(".aot")).findFirst().orElseThrow(
                    () -> new AssertionError("no cache written at the stop"));
        }
        assertThat(Files.size(cache)).isPositive();

        // AOTMode=on: a cache the JVM cannot use is an error, not a silent start without it
        try (MicroServer server = new MicroServer(home, "-XX:AOTMode=on").throughStartScript(true).start()) {
            Api api = new Api(server.uri()).asAdmin();
            assertThat(api.get("api/scripts/" + script).json().getString("name")).isEqualTo("kept");
            assertThat(server.process().info().arguments().orElseThrow()).contains("-XX:AOTCache=" + cache);
            assertThat(Files.getLastModifiedTime(launcher)).as("not unpacked again").isEqualTo(unpacked);
        }

        // other JVM options (another collector) record a cache of their own, which replaces this one (that the
        // recording is written at the stop is shown above: this one is killed, the stop's writing is 25 s)
        try (MicroServer server = new MicroServer(home, "-XX:+UseParallelGC").throughStartScript(true).start()) {
            List<String> arguments = List.of(server.process().info().arguments().orElseThrow());
            assertThat(arguments).as("the collector asked for, not the default")
                    .contains("-XX:+UseParallelGC").doesNotContain("-XX:+UseSerialGC");
            assertThat(arguments).as("a new recording").anyMatch(argument -> argument.startsWith("-XX:AOTCacheOutput="))
                    .noneMatch(argument -> argument.equals("-XX:AOTCache=" + cache));
            assertThat(server.log()).contains("recording an ahead-of-time cache");
            assertThat(cache).as("the cache of the other options, deleted").doesNotExist();
            server.kill();
        }
    }
}
