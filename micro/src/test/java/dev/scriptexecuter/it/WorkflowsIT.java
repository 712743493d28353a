package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs that start runs: trigger URLs called by other systems (the body the run's input, the result in
 * the answer), chains of scripts passing results along.
 */
@ExtendWith(SharedServer.class)
class WorkflowsIT {

    private static final Duration RUN_TIME = Duration.ofMinutes(1);

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(SharedServer.uri()).asAdmin();
    }

    @Test
    void aTriggerUrlStartsARunWithItsBodyAndOpensNothingElse() {
        String name = "hooked " + UUID.randomUUID().toString().substring(0, 8);
        String script = api.createScript(("{\"name\": %s, \"mainCode\": %s, \"inputSchema\": {\"properties\":"
                + " {\"limit\": {\"type\": \"integer\", \"minimum\": 1}}, \"required\": [\"limit\"]}}").formatted(
                quote(name), quote("def main(data, input):\n    return {'doubled': input['limit'] * 2}\n")));
        Api anonymous = new Api(SharedServer.uri());

        Api.Answer made = api.post("api/scripts/" + script + "/hooks", "{\"name\": \"ci system\", \"perMinute\": 4}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String token = made.json().getString("token");
        String url = made.json().getString("url");
        assertThat(url).endsWith("/hooks/" + token).startsWith(SharedServer.uri().toString());
        List<JsonObject> listed = array(api.get("api/scripts/" + script + "/hooks").body());
        assertThat(listed).singleElement().satisfies(hook -> {
            assertThat(hook.getString("name")).isEqualTo("ci system");
            assertThat(hook.get("token")).as("the token is shown once").isIn(null, JsonValue.NULL);
        });

        // a synchronous call: the body is the run's input, the answer has the run's outcome and result
        Api.Answer called = anonymous.post(url + "?wait=60s", "{\"limit\": 21}");
        assertThat(called.status()).as(called.body()).isEqualTo(200);
        assertThat(called.json().getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(called.json().getJsonObject("result").getInt("doubled")).isEqualTo(42);
        assertThat(called.json().keySet()).as("nothing of the script but its run's state")
                .doesNotContain("dataAfter", "dataBefore", "log", "scriptName");
        String runId = called.json().getString("runId");
        JsonObject run = api.get("api/runs/" + runId).json();
        assertThat(run.getString("trigger")).isEqualTo("HOOK");
        assertThat(run.getJsonObject("input").getInt("limit")).isEqualTo(21);
        assertThat(anonymous.get(URI.create(called.header("Location")).toString()).json().getString("outcome"))
                .as("the run it started, read with the token").isEqualTo("SUCCEEDED");

        // without waiting: 202 at once; the same run read back through the token
        Api.Answer later = anonymous.post(url, "{\"limit\": 1}");
        assertThat(later.status()).as(later.body()).isEqualTo(202);
        api.awaitFinished(later.json().getString("runId"), RUN_TIME);

        // an input its schema refuses, naming the field; a body that is not a JSON object; no run for either
        Api.Answer refused = anonymous.post(url, "{\"limit\": 0}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().getString("field")).isEqualTo("input.limit");
        Api.Answer array = anonymous.post(url, "[1, 2]");
        assertThat(array.status()).as(array.body()).isEqualTo(400);
        assertThat(api.runsOf(script)).hasSize(2);

        // four calls a minute: the fifth is refused, saying when to try again
        Api.Answer throttled = anonymous.post(url, "{\"limit\": 1}");
        assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isPositive();
        assertThat(api.runsOf(script)).hasSize(2);

        // the token opens nothing else: not the API, not another run
        String other = api.run(api.createScript("{\"name\": %s, \"mainCode\": \"def main(data):\\n    pass\\n\"}"
                .formatted(quote(name + " other"))), true);
        assertThat(anonymous.with("X-API-Key", token).get("api/scripts").status()).isEqualTo(401);
        assertThat(anonymous.with("Authorization", "Bearer " + token).get("api/runs/" + runId).status()).isEqualTo(401);
        assertThat(anonymous.get(url + "/runs/" + other).status()).isEqualTo(404);
        assertThat(anonymous.get("hooks/" + token.substring(0, token.length() - 1) + "A?wait=1s").status())
                .isIn(404, 405);
        assertThat(anonymous.post("hooks/" + token.substring(0, token.length() - 2) + "xx", "{}").status())
                .as("a token with a wrong secret").isEqualTo(404);

        // every call is in the audit log, taken or refused
        List<JsonObject> audited = api.get("api/audit?target=" + script + "&limit=50").json().getJsonArray("items")
                .stream().map(JsonValue::asJsonObject).toList();
        assertThat(audited.stream().filter(e -> e.getString("action").equals("HOOK_CALLED")))
                .hasSize(2).allSatisfy(e -> assertThat(e.getString("actor")).isEqualTo("trigger URL 'ci system'"));
        assertThat(audited.stream().filter(e -> e.getString("action").equals("HOOK_REFUSED"))).hasSize(3);
        assertThat(audited.stream().filter(e -> e.getString("action").equals("HOOK_CREATED"))).hasSize(1);

        // rotated: the old token is refused at once, the new one works; revoked: refused at once
        Api.Answer rotated = api.post("api/scripts/" + script + "/hooks/" + made.json().getString("id") + "/rotate", "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(anonymous.post(url, "{\"limit\": 1}").status()).isEqualTo(404);
        String newUrl = rotated.json().getString("url");
        assertThat(anonymous.post(newUrl + "?wait=60s", "{\"limit\": 2}").json().getJsonObject("result")
                .getInt("doubled")).isEqualTo(4);
        assertThat(api.delete("api/scripts/" + script + "/hooks/" + made.json().getString("id")).status())
                .isEqualTo(204);
        Api.Answer revoked = anonymous.post(newUrl, "{\"limit\": 1}");
        assertThat(revoked.status()).isEqualTo(404);
        assertThat(revoked.contentType()).startsWith("application/problem+json");
        assertThat(revoked.body()).doesNotContainIgnoringCase("payara").doesNotContain("Exception");
        assertThat(array(api.get("api/scripts/" + script + "/hooks").body())).isEmpty();
    }

    @Test
    void aChainPassesEachRunsResultOnAndRefusesCycles() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String a = api.createScript(script("chain A " + tag, "def main(data, input):\n    return {'n': input['n'] * 10}\n",
                null));
        String b = api.createScript(script("chain B " + tag, "def main(data, input):\n    return {'n': input['n'] + 1}\n",
                "{\"properties\": {\"n\": {\"type\": \"integer\"}}, \"required\": [\"n\"]}"));
        String c = api.createScript(script("chain C " + tag, "def main(data, input):\n    return input['n'] * 2\n", null));
        String onFailure = api.createScript(script("chain E " + tag, "def main(data):\n    pass\n", null));
        assertThat(api.put("api/scripts/" + a + "/chain", steps(b, "SUCCEEDED", onFailure, "FAILED")).status())
                .isEqualTo(200);
        Api.Answer setB = api.put("api/scripts/" + b + "/chain", steps(c, "ANY"));
        assertThat(setB.status()).as(setB.body()).isEqualTo(200);
        JsonObject chainOfC = api.get("api/scripts/" + c + "/chain").json();
        assertThat(chainOfC.getJsonArray("startedBy")).singleElement().satisfies(link -> {
            assertThat(link.asJsonObject().getString("script")).isEqualTo(b);
            assertThat(link.asJsonObject().getString("when")).isEqualTo("ANY");
        });

        // A -> B -> C, each given the result of the one before
        Api.Answer first = api.post("api/scripts/" + a + "/runs?wait=60s", "{\"input\": {\"n\": 2}}");
        assertThat(first.json().getJsonObject("result").getInt("n")).isEqualTo(20);
        String runA = first.json().getString("id");
        org.awaitility.Awaitility.await().atMost(RUN_TIME).until(() -> api.runsOf(c).stream()
                .anyMatch(run -> "FINISHED".equals(run.getString("status"))));
        JsonObject runB = single(api.runsOf(b));
        JsonObject runC = single(api.runsOf(c));
        assertThat(runB.getString("trigger")).isEqualTo("CHAIN");
        assertThat(runB.getString("startedBy")).isEqualTo(runA);
        assertThat(runB.getJsonObject("input").getInt("n")).isEqualTo(20);
        assertThat(runB.getJsonObject("result").getInt("n")).isEqualTo(21);
        assertThat(runC.getString("startedBy")).isEqualTo(runB.getString("id"));
        assertThat(runC.getJsonObject("input").getInt("n")).as("an object result is the next input as it is")
                .isEqualTo(21);
        assertThat(runC.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(runC.get("result")).isEqualTo(jakarta.json.Json.createValue(42));
        assertThat(api.get("api/runs/" + runA).json().getJsonArray("started")).singleElement()
                .satisfies(link -> assertThat(link.asJsonObject().getString("id")).isEqualTo(runB.getString("id")));
        assertThat(api.runsOf(onFailure)).as("the step for a failure").isEmpty();

        // C -> A would close a cycle: refused naming it, and nothing changed; so would A -> A
        Api.Answer cycle = api.put("api/scripts/" + c + "/chain", steps(a, "SUCCEEDED"));
        assertThat(cycle.status()).as(cycle.body()).isEqualTo(400);
        assertThat(cycle.json().getString("field")).isEqualTo("steps");
        assertThat(cycle.json().getString("detail")).contains("'chain C %s' → 'chain A %s' → 'chain B %s' → 'chain C %s'"
                .formatted(tag, tag, tag, tag));
        assertThat(api.get("api/scripts/" + c + "/chain").json().getJsonArray("steps")).isEmpty();
        assertThat(api.put("api/scripts/" + a + "/chain", steps(a, "ANY")).status()).isEqualTo(400);
        assertThat(api.put("api/scripts/" + a + "/chain", steps("no-such-script", "ANY")).json().getString("field"))
                .isEqualTo("steps[0].script");
        assertThat(api.put("api/scripts/" + a + "/chain", steps(b, "SOMETIMES")).json().getString("field"))
                .isEqualTo("steps[0].when");

        // ten steps one after the other are allowed (ses.chain.max-depth), an eleventh is refused
        List<String> line = new java.util.ArrayList<>();
        for (int i = 0; i <= 11; i++) {
            line.add(api.createScript(script("deep %02d %s".formatted(i, tag), "def main(data):\n    pass\n", null)));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(api.put("api/scripts/" + line.get(i) + "/chain", steps(line.get(i + 1), "ANY")).status())
                    .isEqualTo(200);
        }
        Api.Answer deep = api.put("api/scripts/" + line.get(10) + "/chain", steps(line.get(11), "ANY"));
        assertThat(deep.status()).as(deep.body()).isEqualTo(400);
        assertThat(deep.json().getInt("limit")).isEqualTo(10);
        assertThat(deep.json().getString("detail")).contains("'deep 00 " + tag + "' → ").contains("ses.chain.max-depth");
    }

    @Test
    void aTagsLimitMakesRunsWaitAndListsFilterByTag() {
        String tag = "wf-" + UUID.randomUUID().toString().substring(0, 8);
        String code = "import time\ndef main(data):\n    time.sleep(1.5)\n";
        List<String> scripts = List.of(
                api.createScript("{\"name\": %s, \"mainCode\": %s, \"tags\": [%s, \"Shared\"]}".formatted(
                        quote("tagged one " + tag), quote(code), quote(tag.toUpperCase()))),
                api.createScript("{\"name\": %s, \"mainCode\": %s, \"tags\": [%s]}".formatted(
                        quote("tagged two " + tag), quote(code), quote(tag))));
        api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote("untagged " + tag), quote(code)));
        assertThat(api.get("api/scripts/" + scripts.getFirst()).json().getJsonArray("tags").toString())
                .as("lower case, sorted").isEqualTo("[\"shared\",\"%s\"]".formatted(tag));
        assertThat(api.get("api/scripts?tag=" + tag + "&limit=100").json().getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getString("id")).toList()).containsExactlyInAnyOrderElementsOf(scripts);
        Api.Answer badTag = api.post("api/scripts", "{\"name\": \"bad tags\", \"mainCode\": %s, \"tags\": [\"ok\", \"not ok\"]}"
                .formatted(quote(code)));
        assertThat(badTag.status()).isEqualTo(400);
        assertThat(badTag.json().getString("field")).isEqualTo("tags[1]");

        // one run of the tag's scripts at a time: the others wait, saying for what, and all run in the end
        assertThat(api.put("api/tags/" + tag + "/limit", "{\"limit\": 0}").json().getString("field")).isEqualTo("limit");
        assertThat(api.put("api/tags/not%20a%20tag/limit", "{\"limit\": 1}").json().getString("field")).isEqualTo("tag");
        Api.Answer limited = api.put("api/tags/" + tag + "/limit", "{\"limit\": 1}");
        assertThat(limited.status()).as(limited.body()).isEqualTo(200);
        assertThat(limited.json().getInt("scripts")).isEqualTo(2);
        List<String> runs = new java.util.ArrayList<>();
        for (String script : scripts) {
            runs.add(api.run(script, true));
            runs.add(api.run(script, true));
        }
        org.awaitility.Awaitility.await().atMost(RUN_TIME).until(() -> runs.stream()
                .map(run -> api.get("api/runs/" + run).json())
                .anyMatch(run -> "WAITING".equals(run.getString("status")) && tag.equals(run.getString("waitingFor"))));
        List<JsonObject> ended = runs.stream().map(run -> api.awaitFinished(run, RUN_TIME)).toList();
        assertThat(ended).allSatisfy(run -> assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED"));
        assertThat(mostAtOnce(ended)).as("runs of %s going at once, by their own start and end", tag).isEqualTo(1);
        JsonObject listed = array(api.get("api/tags").body()).stream().filter(t -> t.getString("tag").equals(tag))
                .findFirst().orElseThrow();
        assertThat(listed.getInt("limit")).isEqualTo(1);
        assertThat(listed.getInt("running")).isZero();
        assertThat(listed.getInt("waiting")).isZero();
        assertThat(api.delete("api/tags/" + tag + "/limit").status()).isEqualTo(204);
        assertThat(api.delete("api/tags/" + tag + "/limit").status()).isEqualTo(404);
    }

    /** The most runs that were going at one instant, from their start and end times. */
    static int mostAtOnce(List<JsonObject> runs) {
        List<java.time.Instant[]> spans = runs.stream().map(run -> new java.time.Instant[] {
                java.time.Instant.parse(run.getString("startedAt")), java.time.Instant.parse(run.getString("finishedAt"))})
                .toList();
        int most = 0;
        for (java.time.Instant[] span : spans) {
            // at the start of each run, how many (itself included) had started and not yet finished
            most = Math.max(most, (int) spans.stream().filter(other -> !other[0].isAfter(span[0])
                    && other[1].isAfter(span[0])).count());
        }
        return most;
    }

    private static String script(String name, String main, String inputSchema) {
        return "{\"name\": %s, \"mainCode\": %s%s}".formatted(quote(name), quote(main),
                inputSchema == null ? "" : ", \"inputSchema\": " + inputSchema);
    }

    /** A chain's steps: script id and when, in pairs. */
    private static String steps(String... pairs) {
        List<String> steps = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            steps.add("{\"script\": %s, \"when\": %s}".formatted(quote(pairs[i]), quote(pairs[i + 1])));
        }
        return "{\"steps\": [" + String.join(", ", steps) + "]}";
    }

    private static JsonObject single(List<JsonObject> runs) {
        assertThat(runs).hasSize(1);
        return runs.getFirst();
    }

    private static List<JsonObject> array(String body) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            return reader.readArray().stream().map(JsonValue::asJsonObject).toList();
        }
    }
}
