package dev.scriptexecuter.it;

import static dev.scriptexecuter.it.Api.quote;
import static dev.scriptexecuter.it.ScriptsApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scriptexecuter.execution.control.RunProcesses;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Runs against the real Micro WAR: EJB timer, batch job, Python process, stored history. */
class RunsIT extends MicroIT {

    private static final Duration RUN_TIME = Duration.ofSeconds(30);

    private Api api;

    @BeforeEach
    void setUp() throws Exception {
        api = asAdmin();
    }

    private String script(String name, String main, String trigger) {
        return api.createScript("{\"name\": %s, \"mainCode\": %s, \"triggerCode\": %s}"
                .formatted(quote(name), quote(main), trigger == null ? "null" : quote(trigger)));
    }

    @Test
    void aForcedRunSucceedsWithItsOutputInTheLog() {
        String id = script("hi", "def main(data):\n    print(\"hi\")\n", null);
        Api.Answer accepted = api.post("api/scripts/" + id + "/runs", "{\"force\": true}");
        assertThat(accepted.status()).isEqualTo(202);
        JsonObject queued = accepted.json();
        assertThat(queued.getString("trigger")).isEqualTo("FORCED");
        JsonObject run = api.awaitFinished(queued.getString("id"), RUN_TIME);
        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(run.getInt("exitCode")).isZero();
        assertThat(run.getString("processMode")).as("the node's ses.run.mode")
                .isEqualTo(System.getProperty("ses.test.runMode", "spawn"));
        Api.Answer log = api.get("api/runs/" + run.getString("id") + "/log");
        assertThat(log.contentType()).startsWith("text/plain");
        assertThat(log.body()).matches("(?s)\\S+Z hi\\n");
        JsonObject script = api.get("api/scripts/" + id).json();
        assertThat(script.getJsonObject("lastRun").getString("outcome")).isEqualTo("SUCCEEDED");
    }

    @Test
    void aRunRequestCanWaitForTheRunToFinish() {
        String quick = script("quick", "def main(data):\n    data['done'] = True\n", null);
        Api.Answer finished = api.post("api/scripts/" + quick + "/runs?wait=30s", "{\"force\": true}");
        assertThat(finished.status()).as(finished.body()).isEqualTo(200);
        assertThat(finished.json().getString("status")).isEqualTo("FINISHED");
        assertThat(finished.json().getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(finished.json().getJsonObject("dataAfter").getBoolean("done")).isTrue();

        String sleeper = script("slow", Api.SLEEPER, null);
        Api.Answer notYet = api.post("api/scripts/" + sleeper + "/runs?wait=1s", "{\"force\": true}");
        assertThat(notYet.status()).as("still running when the wait is over").isEqualTo(202);
        assertThat(notYet.json().getString("status")).isIn("QUEUED", "RUNNING");
        assertThat(api.post("api/runs/" + notYet.json().getString("id") + "/stop", "").status()).isEqualTo(202);

        assertProblem(api.post("api/scripts/" + quick + "/runs?wait=soon", ""), 400, "\"wait\" must be a duration");
        assertProblem(api.post("api/scripts/" + quick + "/runs?wait=PT10M", ""), 400, "ses.api.max-wait");
        assertThat(api.runsOf(quick)).as("a refused request queues nothing").hasSize(1);
    }

    @Test
    void aRunGivenAnInputReturnsWhatMainReturnedAndOneParameterScriptsRunAsBefore() {
        String greeter = script("greeter-" + UUID.randomUUID(), """
                def main(data, input):
                    print('hello', input['who'])
                    data['last'] = input['who']
                    return {'greeting': 'hello ' + input['who'], 'letters': len(input['who'])}
                """, null);
        Api.Answer finished = api.post("api/scripts/" + greeter + "/runs?wait=30s",
                "{\"force\": true, \"input\": {\"who\": \"Ada\"}}");
        assertThat(finished.status()).as(finished.body()).isEqualTo(200);
        JsonObject run = finished.json();
        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(run.getJsonObject("input")).isEqualTo(Json.createObjectBuilder().add("who", "Ada").build());
        assertThat(run.getJsonObject("result")).as("returned by ?wait").isEqualTo(Json.createObjectBuilder()
                .add("greeting", "hello Ada").add("letters", 3).build());
        assertThat(run.getJsonObject("dataAfter").getString("last")).isEqualTo("Ada");
        JsonObject stored = api.get("api/runs/" + run.getString("id")).json();
        assertThat(stored.getJsonObject("result")).as("stored with the run").isEqualTo(run.getJsonObject("result"));
        assertThat(api.get("api/runs/" + run.getString("id") + "/log").body()).contains("hello Ada");

        // a script written for the original server (one parameter) given an input: it runs as it always did
        String counter = script("one-parameter-" + UUID.randomUUID(), "def main(data):\n    data['n'] = 1\n", null);
        JsonObject plain = api.post("api/scripts/" + counter + "/runs?wait=30s", "{\"input\": {\"unused\": true}}")
                .json();
        assertThat(plain.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(plain.isNull("result")).isTrue();
        assertThat(plain.getJsonObject("dataAfter").getInt("n")).isEqualTo(1);

        // an input that is not an object, or over its limit, is refused naming it; nothing is queued
        assertThat(api.post("api/scripts/" + greeter + "/runs", "{\"input\": [1, 2]}").body()).contains("input");
        assertThat(api.post("api/scripts/" + greeter + "/runs", "{\"input\": [1, 2]}").status()).isEqualTo(400);
        assertThat(api.post("api/scripts/" + greeter + "/runs", "{\"input\": \"Ada\"}").status()).isEqualTo(400);
        Api.Answer tooLarge = api.post("api/scripts/" + greeter + "/runs", "{\"input\": {\"blob\": \""
                + "x".repeat(1024 * 1024) + "\"}}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().getString("field")).isEqualTo("input");
        assertThat(tooLarge.json().getString("detail")).contains("ses.run.max-input-bytes");
        assertThat(api.runsOf(greeter)).as("a refused request queues nothing").hasSize(1);
    }

    @Test
    void aScriptsInputSchemaChecksEveryRequestAndFillsInTheDefaults() {
        String copier = api.createScript("{\"name\": %s, \"mainCode\": %s, \"inputSchema\": %s}".formatted(
                quote("copier-" + UUID.randomUUID()), quote("def main(data, input):\n    return input\n"), """
                {"properties": {"table": {"type": "string", "enum": ["orders", "customers"]},
                                "limit": {"type": "integer", "minimum": 1, "default": 100}},
                 "required": ["table"], "additionalProperties": false}"""));
        assertThat(api.get("api/scripts/" + copier).json().getJsonObject("inputSchema").getJsonArray("required"))
                .hasSize(1);
        JsonObject run = api.post("api/scripts/" + copier + "/runs?wait=30s", "{\"input\": {\"table\": \"orders\"}}")
                .json();
        assertThat(run.getJsonObject("result")).as("main got the defaults too")
                .isEqualTo(Json.createObjectBuilder().add("table", "orders").add("limit", 100).build());
        assertThat(run.getJsonObject("input")).isEqualTo(run.getJsonObject("result"));

        assertProblem(api.post("api/scripts/" + copier + "/runs", "{}"), 400, "'table' is required.");
        assertThat(api.post("api/scripts/" + copier + "/runs", "{}").json().getString("field")).isEqualTo("input.table");
        assertThat(api.post("api/scripts/" + copier + "/runs", "{\"input\": {\"table\": \"orders\", \"limit\": 0}}")
                .json().getString("field")).isEqualTo("input.limit");
        assertThat(api.post("api/scripts/" + copier + "/runs", "{\"input\": {\"table\": \"users\"}}")
                .json().getString("detail")).contains("must be one of \"orders\", \"customers\"");
        assertThat(api.runsOf(copier)).as("refused requests queue nothing").hasSize(1);

        Api.Answer badSchema = api.patch("api/scripts/" + copier, "{\"inputSchema\": {\"properties\":"
                + " {\"table\": {\"type\": \"text\"}}}}");
        assertThat(badSchema.status()).isEqualTo(400);
        assertThat(badSchema.json().getString("field")).isEqualTo("inputSchema.properties.table.type");
        Api.Answer scheduled = api.patch("api/scripts/" + copier, "{\"schedule\": {\"kind\": \"interval\","
                + " \"every\": \"PT1H\"}}");
        assertThat(scheduled.status()).as("a required input without a default cannot be scheduled").isEqualTo(400);
        assertThat(scheduled.json().getString("field")).isEqualTo("inputSchema.required");
        assertThat(api.patch("api/scripts/" + copier, "{\"description\": \"copies\"}").status()).isEqualTo(200);
        assertThat(api.get("api/scripts/" + copier).json().isNull("inputSchema")).as("kept by a patch of another field")
                .isFalse();
        assertThat(api.patch("api/scripts/" + copier, "{\"inputSchema\": null}").status()).isEqualTo(200);
        assertThat(api.get("api/scripts/" + copier).json().isNull("inputSchema")).as("null removes it").isTrue();
        assertThat(api.post("api/scripts/" + copier + "/runs?wait=30s", "{}").json().getJsonObject("result"))
                .as("no schema: nothing required, no defaults").isEqualTo(JsonValue.EMPTY_JSON_OBJECT);
    }

    @Test
    void dataPersistsBetweenRuns() {
        String id = script("counter", "def main(data):\n    data[\"n\"] = data.get(\"n\", 0) + 1\n", null);
        for (int i = 0; i < 3; i++) {
            assertThat(api.awaitFinished(api.run(id, false), RUN_TIME).getString("outcome")).isEqualTo("SUCCEEDED");
        }
        assertThat(api.get("api/scripts/" + id).json().getJsonObject("data").getInt("n")).isEqualTo(3);
        JsonObject runs = api.get("api/scripts/" + id + "/runs").json();
        assertThat(runs.getJsonNumber("total").longValue()).isEqualTo(3);
        List<Integer> after = runs.getJsonArray("items").stream()
                .map(r -> r.asJsonObject().getJsonObject("dataAfter").getInt("n")).toList();
        assertThat(after).as("newest first").containsExactly(3, 2, 1);
        List<Integer> before = runs.getJsonArray("items").stream()
                .map(r -> r.asJsonObject().getJsonObject("dataBefore").getInt("n", 0)).toList();
        assertThat(before).as("the data each run was given").containsExactly(2, 1, 0);
        assertThat(api.get("api/scripts/" + id + "/runs?outcome=SUCCEEDED").json().getInt("total")).isEqualTo(3);
        assertThat(api.get("api/scripts/" + id + "/runs?outcome=FAILED").json().getInt("total")).isZero();
        assertThat(api.get("api/scripts/" + id + "/runs?since=2999-01-01T00:00:00Z").json().getInt("total")).isZero();
        assertThat(api.get("api/scripts/" + id + "/runs?since=2000-01-01T00:00:00Z").json().getInt("total")).isEqualTo(3);
        assertProblem(api.get("api/scripts/" + id + "/runs?outcome=GREAT"), 400, "is none of them");
        assertProblem(api.get("api/scripts/" + id + "/runs?since=yesterday"), 400, "ISO-8601 time");
    }

    @Test
    void aTriggerSayingNoSkipsMainAndStillSavesItsData() {
        String id = script("skipper", "def main(data):\n    data[\"main\"] = True\n",
                "def trigger(data):\n    data[\"checked\"] = data.get(\"checked\", 0) + 1\n    return False\n");
        JsonObject run = api.awaitFinished(api.run(id, false), RUN_TIME);
        assertThat(run.getString("outcome")).isEqualTo("SKIPPED");
        JsonObject data = api.get("api/scripts/" + id).json().getJsonObject("data");
        assertThat(data.getInt("checked")).isEqualTo(1);
        assertThat(data).doesNotContainKey("main");

        JsonObject forced = api.awaitFinished(api.run(id, true), RUN_TIME);
        assertThat(forced.getString("outcome")).isEqualTo("SUCCEEDED");
        JsonObject afterForced = api.get("api/scripts/" + id).json().getJsonObject("data");
        assertThat(afterForced).containsKey("main");
        assertThat(afterForced.getInt("checked")).as("forced runs skip the trigger").isEqualTo(1);
    }

    @Test
    void aRaisingScriptFailsWithItsTracebackAndKeepsItsData() {
        String id = api.createScript("{\"name\": \"raiser\", \"data\": {\"n\": 1}, \"mainCode\": %s}".formatted(
                quote("def main(data):\n    data[\"n\"] = 2\n    raise ValueError(\"boom\")\n")));
        JsonObject run = api.awaitFinished(api.run(id, true), RUN_TIME);
        assertThat(run.getString("outcome")).isEqualTo("FAILED");
        assertThat(run.getString("error")).isEqualTo("ValueError: boom");
        assertThat(api.get("api/runs/" + run.getString("id") + "/log").body())
                .contains("Traceback (most recent call last)").contains("raise ValueError(\"boom\")")
                .contains("ValueError: boom");
        assertThat(api.get("api/scripts/" + id).json().getJsonObject("data").getInt("n")).isEqualTo(1);
    }

    @Test
    void aLongRunStoppedThroughTheApiEndsStoppedAndItsProcessIsGone() {
        String id = script("sleeper", Api.SLEEPER, null);
        String runId = api.run(id, true);
        assertThat(api.awaitSleeping(runId, RUN_TIME)).as("the run's processes").isNotEmpty();
        assertThat(api.get("api/runs/" + runId).json().getString("status")).isEqualTo("RUNNING");

        assertThat(api.post("api/runs/" + runId + "/stop", "").status()).isEqualTo(202);
        JsonObject run = api.awaitFinished(runId, Duration.ofSeconds(5));
        assertThat(run.getString("outcome")).isEqualTo("STOPPED");
        await().atMost(Duration.ofSeconds(5)).until(() -> RunProcesses.of(runId).isEmpty());
        assertProblem(api.post("api/runs/" + runId + "/stop", ""), 409, "finished already");
    }

    @Test
    void deletingAScriptEndsItsRunningProcess() {
        String id = script("doomed", Api.SLEEPER, null);
        String runId = api.run(id, true);
        api.awaitSleeping(runId, RUN_TIME);

        assertThat(api.delete("api/scripts/" + id).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> RunProcesses.of(runId).isEmpty());
        assertThat(api.get("api/runs/" + runId).status()).as("runs go with their script").isEqualTo(404);
    }

    @Test
    void anIntervalOfOneSecondRunsEveryOccurrenceOnce() {
        Instant created = Instant.now();
        String id = api.createScript("{\"name\": \"ticker\", \"mainCode\": %s, \"schedule\": %s}".formatted(
                quote("def main(data):\n    data[\"n\"] = data.get(\"n\", 0) + 1\n"),
                "{\"kind\": \"interval\", \"every\": \"PT1S\"}"));
        await().atMost(Duration.between(Instant.now(), created.plusSeconds(5))).pollInterval(Duration.ofMillis(200))
                .until(() -> api.runsOf(id).stream().filter(r -> "SUCCEEDED".equals(outcome(r))).count() >= 3);
        assertThat(api.patch("api/scripts/" + id, "{\"active\": false}").status()).isEqualTo(200);
        await().atMost(RUN_TIME).until(() -> api.runsOf(id).stream().allMatch(r -> "FINISHED".equals(r.getString("status"))));

        List<JsonObject> runs = api.runsOf(id);
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.getString("trigger")).isEqualTo("SCHEDULED");
            assertThat(outcome(r)).isEqualTo("SUCCEEDED");
        });
        List<Instant> occurrences = runs.stream().map(r -> Instant.parse(r.getString("scheduledFor"))).toList();
        Instant first = occurrences.getLast();
        assertThat(occurrences).as("every occurrence on the one-second grid of the first")
                .allSatisfy(o -> assertThat(Duration.between(first, o).toMillis() % 1000).isZero());
        assertThat(api.get("api/scripts/" + id).json().getJsonObject("data").getInt("n"))
                .as("each run counted once").isEqualTo(runs.size());
    }

    /**
     * A run history read page by page with the cursor each page gives: every run exactly once, newest
     * first, and a run added while the client pages does not shift the pages after it; the count is made
     * for the first page only. A cursor that is not one is refused naming the field.
     */
    @Test
    void aLongHistoryPagesByCursorWithoutSkippingOrRepeatingRuns() {
        String id = script("paged-" + UUID.randomUUID(), "def main(data):\n    pass\n", null);
        List<String> older = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            older.addFirst(api.awaitFinished(api.run(id, true), RUN_TIME).getString("id"));
        }
        JsonObject first = api.get("api/scripts/" + id + "/runs?limit=2").json();
        assertThat(first.getInt("total")).isEqualTo(5);
        String newer = api.awaitFinished(api.run(id, true), RUN_TIME).getString("id");

        List<String> seen = new ArrayList<>(ids(first));
        String next = first.getString("next");
        while (next != null) {
            JsonObject page = api.get("api/scripts/" + id + "/runs?limit=2&after=" + next).json();
            assertThat(page.isNull("total")).as("no count after a cursor: " + page).isTrue();
            seen.addAll(ids(page));
            next = page.isNull("next") ? null : page.getString("next");
        }
        assertThat(seen).as("the five runs there were when paging began, in order").containsExactlyElementsOf(older)
                .doesNotContain(newer);
        assertThat(ids(api.get("api/scripts/" + id + "/runs?outcome=SUCCEEDED&limit=1").json())).containsExactly(newer);

        assertThat(assertProblem(api.get("api/scripts/" + id + "/runs?after=bm90IGEgY3Vyc29y"), 400,
                "\"after\" must be the \"next\" of a page").getString("field")).isEqualTo("after");
        assertThat(assertProblem(api.get("api/scripts/" + id + "/runs?after=%25%25"), 400, "\"after\"")
                .getString("field")).isEqualTo("after");
        assertProblem(api.get("api/scripts/" + id + "/runs?offset=2&after=" + first.getString("next")), 400,
                "not both");
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("items").stream().map(run -> run.asJsonObject().getString("id")).toList();
    }

    @Test
    void aRunDoesNotOverwriteDataChangedWhileItRan() {
        String id = script("slow-writer", "import time\ndef main(data):\n    print(\"started\", flush=True)\n"
                + "    time.sleep(2)\n    data[\"written\"] = \"by the run\"\n", null);
        String runId = api.run(id, true);
        await().atMost(RUN_TIME).until(() -> api.get("api/runs/" + runId + "/log").body().contains("started"));
        assertThat(api.patch("api/scripts/" + id, "{\"data\": {\"reset\": true}}").status()).isEqualTo(200);

        JsonObject run = api.awaitFinished(runId, RUN_TIME);
        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("error")).contains("data was changed while this run ran");
        assertThat(run.isNull("dataAfter")).isTrue();
        assertThat(api.get("api/scripts/" + id).json().getJsonObject("data").toString()).isEqualTo("{\"reset\":true}");
    }

    private static String outcome(JsonObject run) {
        return run.isNull("outcome") ? null : run.getString("outcome");
    }

    /** The batch job repository rows of this server's runs, as its metrics say. */
    private long jobRepositoryExecutions() {
        String metrics = api.get("metrics").body();
        java.util.regex.Matcher gauge = java.util.regex.Pattern
                .compile("(?m)^ses_job_repository_executions(?:\\{[^}]*})? ([0-9.eE+]+)$").matcher(metrics);
        assertThat(gauge.find()).as("the job repository is found and counted: " + metrics).isTrue();
        return (long) Double.parseDouble(gauge.group(1));
    }

    /**
     * The job repository is counted for the whole server, which other classes share: this test's runs
     * are what it adds to the count, and the purge must delete at least theirs.
     */
    @Test
    void aPurgeEmptiesTheBatchJobRepositoryOfEndedRunsAndKeepsTheirHistory() {
        String id = api.createScript("{\"name\": \"job-rows\", \"mainCode\": %s}"
                .formatted(quote("def main(data):\n    print('ran')\n")));
        long before = jobRepositoryExecutions();
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(api.awaitFinished(api.run(id, true), Duration.ofSeconds(60)).getString("id"));
        }
        assertThat(jobRepositoryExecutions()).as("each run left a job execution").isGreaterThanOrEqualTo(before + 3);

        Api.Answer purged = api.post("api/retention/purge", "");
        assertThat(purged.status()).isEqualTo(200);
        assertThat(purged.json().getInt("deletedJobExecutions")).isGreaterThanOrEqualTo(3);
        // another class's run may still be going on this shared server: purged once it has ended
        await().atMost(RUN_TIME).untilAsserted(() -> {
            api.post("api/retention/purge", "");
            assertThat(jobRepositoryExecutions()).as("job executions left after a purge").isZero();
        });
        assertThat(api.runsOf(id)).extracting(run -> run.getString("id")).containsExactlyInAnyOrderElementsOf(runs);
        assertThat(api.get("api/runs/" + runs.get(0) + "/log").body()).contains("ran");
        assertThat(api.runsOf(id)).allSatisfy(run -> assertThat(outcome(run)).isEqualTo("SUCCEEDED"));
    }

    /**
     * A purge covers every script on the server, which other classes share: it deletes at least the runs
     * beyond this script's retention, and this script's runs are exactly its newest three, a second
     * purge leaving them as they are.
     */
    @Test
    void retentionKeepsExactlyTheNewestRunsAScriptAsksFor() {
        String id = api.createScript("{\"name\": \"kept-three\", \"mainCode\": %s, \"policy\": {\"keepRuns\": 3}}"
                .formatted(quote("def main(data):\n    pass\n")));
        String byAge = api.createScript("{\"name\": \"kept-a-day\", \"mainCode\": %s, \"policy\": {\"keepDays\": 1}}"
                .formatted(quote("def main(data):\n    pass\n")));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(api.awaitFinished(api.run(id, true), Duration.ofSeconds(60)).getString("id"));
        }
        String recent = api.awaitFinished(api.run(byAge, true), Duration.ofSeconds(60)).getString("id");
        assertThat(api.get("api/scripts/" + id).json().getJsonObject("policy").getInt("keepRuns")).isEqualTo(3);

        Api.Answer purged = api.post("api/retention/purge", "");
        assertThat(purged.status()).isEqualTo(200);
        assertThat(purged.json().getInt("deletedRuns")).as("kept-three's two runs beyond its retention, at least")
                .isGreaterThanOrEqualTo(2);
        assertThat(api.runsOf(id)).extracting(run -> run.getString("id"))
                .containsExactly(runs.get(4), runs.get(3), runs.get(2));
        assertThat(api.get("api/runs/" + runs.get(0)).status()).isEqualTo(404);
        assertThat(api.runsOf(byAge)).extracting(run -> run.getString("id")).as("a run of today is younger than a day")
                .containsExactly(recent);
        assertThat(api.post("api/retention/purge", "").status()).isEqualTo(200);
        assertThat(api.runsOf(id)).extracting(run -> run.getString("id")).as("after a second purge")
                .containsExactly(runs.get(4), runs.get(3), runs.get(2));
        assertThat(api.runsOf(byAge)).extracting(run -> run.getString("id")).as("after a second purge")
                .containsExactly(recent);

        Api.Answer refused = api.patch("api/scripts/" + id, "{\"policy\": {\"keepRuns\": -1}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("field")).isEqualTo("policy.keepRuns");
    }

    @Test
    void unknownRunsAndScriptsAreNotFound() {
        assertProblem(api.get("api/runs/nope"), 404, "There is no run with id 'nope'.");
        assertProblem(api.get("api/runs/nope/log"), 404, "There is no run");
        assertProblem(api.post("api/runs/nope/stop", ""), 404, "There is no run");
        assertProblem(api.post("api/scripts/nope/runs", ""), 404, "There is no script");
        assertProblem(api.get("api/scripts/nope/runs"), 404, "There is no script");
        String id = script("runner", "def main(data):\n    pass\n", null);
        assertProblem(api.post("api/scripts/" + id + "/runs", "{\"force\": \"very\"}"), 400,
                "\"force\" must be true or false");
    }

}
