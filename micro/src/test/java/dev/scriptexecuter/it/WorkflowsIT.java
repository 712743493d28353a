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

    private static List<JsonObject> array(String body) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            return reader.readArray().stream().map(JsonValue::asJsonObject).toList();
        }
    }
}
