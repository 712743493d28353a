package dev.scriptexecuter.it;

import dev.scriptexecuter.environment.control.TestWheels;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scripts with a requirements.txt run in virtualenvs built by pip from wheels
 * this test writes into the server's find-links folder (no index, as PyPI is
 * out of reach): versions do not clash, equal requirements share one
 * environment built once, hostile lines are refused, failures are explained.
 */
class EnvironmentsIT extends MicroIT {

    private static final Duration BUILD_AND_RUN = Duration.ofMinutes(2);
    private static final Path WHEELS = Path.of(System.getProperty("ses.test.wheels"));
    private static final String PRINT_VERSION = "import sesit_versions\ndef main(data):\n"
            + "    print('version', sesit_versions.VERSION)\n";

    private Api api;

    @BeforeEach
    void setUp() throws Exception {
        api = asAdmin();
        TestWheels.write(WHEELS, "sesit_versions", "1.0");
        TestWheels.write(WHEELS, "sesit_versions", "2.0");
        TestWheels.write(WHEELS, "sesit_shared", "1.0");
    }

    @Test
    void twoScriptsWithDifferentVersionsOfAPackageEachImportTheirOwn() {
        String old = script("old-" + id(), PRINT_VERSION, "sesit-versions==1.0\n");
        String latest = script("latest-" + id(), PRINT_VERSION, "# the newer one\nsesit_versions == 2.0\n");
        String none = script("none-" + id(), PRINT_VERSION, null);

        JsonObject oldRun = api.awaitFinished(api.run(old, true), BUILD_AND_RUN);
        JsonObject latestRun = api.awaitFinished(api.run(latest, true), BUILD_AND_RUN);
        JsonObject noneRun = api.awaitFinished(api.run(none, true), BUILD_AND_RUN);

        assertThat(oldRun.getString("outcome")).as(oldRun.toString()).isEqualTo("SUCCEEDED");
        assertThat(log(oldRun)).contains("version 1.0");
        assertThat(latestRun.getString("outcome")).as(latestRun.toString()).isEqualTo("SUCCEEDED");
        assertThat(log(latestRun)).contains("version 2.0");
        assertThat(oldRun.getString("environmentId")).isNotEqualTo(latestRun.getString("environmentId"));
        assertThat(noneRun.getString("outcome")).as("the base interpreter has no packages").isEqualTo("FAILED");
        assertThat(log(noneRun)).contains("No module named 'sesit_versions'");
        assertThat(noneRun.isNull("environmentId")).isTrue();
    }

    @Test
    void identicalRequirementsShareOneEnvironmentBuiltOnceForRunsAtTheSameMoment() throws Exception {
        String main = "import sesit_shared\ndef main(data):\n    print('shared', sesit_shared.VERSION)\n";
        // a marker that always holds and makes the requirement unique; its value must not look like a version
        // ("12345678" or "1a2"), as pip then compares sys_platform as a version, finds it false and installs nothing
        String marker = "sesit-shared==1.0; python_version >= \"3.0\" and sys_platform != \"none-" + id() + "\"";
        String first = script("share-a-" + id(), main, marker + "\n");
        String second = script("share-b-" + id(), main, "# same thing, other spelling\n"
                + marker.replace("sesit-shared", "Sesit_Shared").replace("==", " == ") + "\n");

        var runs = List.of(first, second).stream()
                .map(script -> CompletableFuture.supplyAsync(() -> api.run(script, true))).toList();
        List<JsonObject> finished = runs.stream().map(CompletableFuture::join)
                .map(run -> api.awaitFinished(run, BUILD_AND_RUN)).toList();

        assertThat(finished).allSatisfy(run -> assertThat(run.getString("outcome")).as(() -> run + "; its environment's"
                        + " install log: " + api.get("api/environments/" + run.getString("environmentId") + "/log").body())
                .isEqualTo("SUCCEEDED"));
        Set<String> environments = finished.stream().map(run -> run.getString("environmentId")).collect(Collectors.toSet());
        assertThat(environments).hasSize(1);
        JsonObject environment = api.get("api/environments/" + environments.iterator().next()).json();
        assertThat(environment.getInt("builds")).as("built once: %s", environment).isEqualTo(1);
        assertThat(environment.getString("status")).isEqualTo("READY");
        assertThat(environment.getJsonNumber("scriptCount").longValue()).isEqualTo(2);
        assertThat(environment.getJsonArray("packages").getString(0)).startsWith("sesit-shared==1.0; ");
        assertThat(environment.getJsonNumber("sizeBytes").longValue()).isPositive();
        assertThat(api.get("api/environments/" + environment.getString("id") + "/log").body())
                .contains("Successfully installed sesit-shared-1.0");
    }

    @Test
    void everyRefusedRequirementsLineIsNamedAndNothingIsSavedOrInstalled() {
        Set<String> environments = environmentIds();
        long scripts = api.get("api/scripts?limit=1").json().getJsonNumber("total").longValue();
        List<String> refused = List.of("-e git+https://example.org/repo.git#egg=x",
                "--index-url https://evil.example/simple", "--extra-index-url https://evil.example/simple",
                "--find-links /tmp", "-r /etc/passwd", "-c constraints.txt", "./local-package", "/tmp/x.whl",
                "git+https://example.org/repo.git", "https://example.org/pkg.tar.gz",
                "pkg @ https://example.org/pkg.tar.gz", "pkg @ file:///tmp/pkg.whl");
        for (String line : refused) {
            String name = "refused-" + id();
            Api.Answer answer = api.post("api/scripts", "{\"name\": %s, \"mainCode\": %s, \"requirements\": %s}"
                    .formatted(quote(name), quote("def main(data):\n    pass\n"), quote("sesit-shared==1.0\n" + line)));
            assertThat(answer.status()).as(line).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            JsonObject problem = answer.json();
            assertThat(problem.getString("detail")).as(line).startsWith("requirements.txt line 2 (").contains(line);
            assertThat(problem.getInt("line")).isEqualTo(2);
            assertThat(problem.getString("field")).isEqualTo("requirements");
        }
        assertThat(api.get("api/scripts?limit=1").json().getJsonNumber("total").longValue()).isEqualTo(scripts);
        String kept = script("kept-" + id(), "def main(data):\n    pass\n", null);
        Api.Answer edit = api.patch("api/scripts/" + kept, "{\"requirements\": \"--index-url https://evil.example/\"}");
        assertThat(edit.status()).isEqualTo(400);
        assertThat(api.get("api/scripts/" + kept).json().get("requirements")).isEqualTo(JsonValue.NULL);
        assertThat(environmentIds()).as("no environment was registered").isEqualTo(environments);
    }

    @Test
    void anUnsatisfiableRequirementEndsTheRunEnvironmentFailedWithPipsMessageOneClickAway() {
        String broken = script("broken-" + id(), "def main(data):\n    print('never')\n",
                "sesit-not-there==" + System.nanoTime() % 1000 + ".0\n");
        String healthy = script("healthy-" + id(), "def main(data):\n    print('fine')\n", null);

        JsonObject run = api.awaitFinished(api.run(broken, true), BUILD_AND_RUN);

        assertThat(run.getString("outcome")).as(run.toString()).isEqualTo("ENVIRONMENT_FAILED");
        String environment = run.getString("environmentId");
        assertThat(run.getString("error")).as("the cause first, then the requirement, the next try and the log")
                .startsWith("A required package was not found in the package sources. Nothing was found for"
                        + " sesit-not-there==").contains("The next build attempt is at ")
                .endsWith("The install log: /api/environments/" + environment + "/log");
        assertThat(api.get("api/environments/" + environment + "/log").body())
                .contains("No matching distribution found for sesit-not-there");
        JsonObject failed = api.get("api/environments/" + environment).json();
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("error")).startsWith("A required package was not found in the package sources.");
        assertThat(failed.getInt("failedBuilds")).isEqualTo(1);
        assertThat(failed.getString("nextBuildAt")).isNotEmpty();
        assertThat(api.awaitFinished(api.run(healthy, true), BUILD_AND_RUN).getString("outcome"))
                .as("other scripts are unaffected").isEqualTo("SUCCEEDED");
    }

    @Test
    void aScheduledScriptWhoseEnvironmentFailsRecordsOneRunWhileItsBuildWaitsNotOneAtEveryOccurrence() {
        String script = api.createScript(("{\"name\": %s, \"mainCode\": %s, \"requirements\": %s,"
                + " \"schedule\": {\"kind\": \"interval\", \"every\": \"PT1S\"}}").formatted(quote("backoff-" + id()),
                quote("def main(data):\n    print('never')\n"), quote("sesit-never-there==1.0\n")));
        await().atMost(BUILD_AND_RUN).until(() -> api.runsOf(script).stream()
                .anyMatch(run -> "ENVIRONMENT_FAILED".equals(run.getString("outcome", ""))));
        Instant firstFailure = api.runsOf(script).stream()
                .filter(run -> "ENVIRONMENT_FAILED".equals(run.getString("outcome", "")))
                .map(run -> Instant.parse(run.getString("finishedAt"))).min(Instant::compareTo).orElseThrow();

        // the schedule moves on, occurrence by occurrence, well within the first wait (30 s by default)
        await().atMost(BUILD_AND_RUN).until(() -> nextFireAt(script).isAfter(firstFailure.plusSeconds(8)));
        api.patch("api/scripts/" + script, "{\"active\": false}");

        List<JsonObject> runs = api.runsOf(script);
        assertThat(runs).filteredOn(run -> "ENVIRONMENT_FAILED".equals(run.getString("outcome", "")))
                .as("%s", runs).hasSize(1).first().satisfies(run -> assertThat(run.getString("error"))
                        .startsWith("A required package was not found").contains("The next build attempt is at "));
        assertThat(runs).as("no run was recorded for the occurrences after the failure: %s", runs)
                .noneMatch(run -> !run.isNull("scheduledFor")
                        && Instant.parse(run.getString("scheduledFor")).isAfter(firstFailure.plusSeconds(1)));
    }

    private Instant nextFireAt(String script) {
        JsonObject view = api.get("api/scripts/" + script).json();
        return view.containsKey("nextRunAt") && !view.isNull("nextRunAt") ? Instant.parse(view.getString("nextRunAt"))
                : Instant.MIN;
    }

    @Test
    void anAdminRebuildsAnEnvironmentAndDeletesItOnlyWhenNoScriptUsesIt() {
        TestWheels.write(WHEELS, "sesit_admin", "1.0");
        String script = script("admin-" + id(), "import sesit_admin\ndef main(data):\n    pass\n", "sesit-admin==1.0\n");
        String environment = api.awaitFinished(api.run(script, true), BUILD_AND_RUN).getString("environmentId");

        Api.Answer rebuild = api.post("api/environments/" + environment + "/rebuild", "");
        assertThat(rebuild.status()).isEqualTo(202);
        await().atMost(BUILD_AND_RUN).until(() -> api.get("api/environments/" + environment).json().getInt("builds") == 2);
        assertThat(api.get("api/environments/" + environment).json().getString("status")).isEqualTo("READY");
        assertThat(api.awaitFinished(api.run(script, true), BUILD_AND_RUN).getString("outcome")).isEqualTo("SUCCEEDED");

        Api.Answer inUse = api.delete("api/environments/" + environment);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().getString("detail")).contains("used by 1 script");

        assertThat(api.patch("api/scripts/" + script, "{\"requirements\": null}").status()).isEqualTo(200);
        assertThat(api.delete("api/environments/" + environment).status()).isEqualTo(204);
        assertThat(api.get("api/environments/" + environment).status()).isEqualTo(404);
        assertThat(api.get("api/environments/" + "0".repeat(64) + "/log").status()).isEqualTo(404);
    }

    private String script(String name, String main, String requirements) {
        return api.createScript("{\"name\": %s, \"mainCode\": %s, \"requirements\": %s}".formatted(quote(name),
                quote(main), requirements == null ? "null" : quote(requirements)));
    }

    /** The ids of the environments the server has (those of other classes sharing it among them). */
    private Set<String> environmentIds() {
        return jakarta.json.Json.createReader(new java.io.StringReader(api.get("api/environments").body())).readArray()
                .stream().map(environment -> environment.asJsonObject().getString("id")).collect(Collectors.toSet());
    }

    private String log(JsonObject run) {
        return api.get("api/runs/" + run.getString("id") + "/log").body();
    }

    private static String id() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
