package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No lost updates through the API: a strong ETag on every single resource,
 * 304 for If-None-Match, 412 for a stale If-Match with nothing changed, and a
 * full PUT that leaves {@code data} out keeping what runs wrote meanwhile.
 */
class ConcurrencyIT extends MicroIT {

    private static final String COUNTER = "def main(data):\n    data['n'] = data.get('n', 0) + 1\n";

    private Api admin;

    @BeforeEach
    void setUp() {
        admin = asAdmin();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** One editable resource: where it is read, and a write that changes it, as PUT or PATCH. */
    private record Resource(String path, Function<Api, Api.Answer> change) {
    }

    private List<Resource> resources() {
        String script = admin.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote(unique("etag")),
                quote(COUNTER)));
        String user = admin.createUser(unique("etag"), "password-" + UUID.randomUUID(), "viewer");
        String variable = unique("ETAG_VAR").replace('-', '_').toUpperCase();
        assertThat(admin.put("api/variables/" + variable, "{\"value\": \"one\"}").status()).isEqualTo(200);
        assertThat(admin.put("api/scripts/" + script + "/variables/OWN", "{\"value\": \"one\"}").status()).isEqualTo(200);
        assertThat(admin.put("api/scripts/" + script + "/webhook", "{\"url\": \"https://example.com/a\"}").status())
                .isEqualTo(200);
        String key = admin.post("api/api-keys", "{\"name\": %s}".formatted(quote(unique("etag")))).json().getString("id");
        // the script last: deleting it takes its variables and webhook along
        return List.of(
                new Resource("api/users/" + user, api -> api.put("api/users/" + user,
                        "{\"enabled\": %s}".formatted(!api.get("api/users/" + user).json().getBoolean("enabled")))),
                new Resource("api/variables/" + variable, api -> api.put("api/variables/" + variable,
                        "{\"value\": %s}".formatted(quote(unique("v"))))),
                new Resource("api/scripts/" + script + "/variables/OWN", api -> api.put("api/scripts/" + script
                        + "/variables/OWN", "{\"value\": %s}".formatted(quote(unique("v"))))),
                new Resource("api/scripts/" + script + "/webhook", api -> api.put("api/scripts/" + script + "/webhook",
                        "{\"url\": %s}".formatted(quote("https://example.com/" + unique("b"))))),
                new Resource("api/api-keys/" + key, null),
                new Resource("api/scripts/" + script, api -> api.patch("api/scripts/" + script,
                        "{\"description\": %s}".formatted(quote(unique("d"))))));
    }

    @Test
    void everySingleResourceHasAStrongETagThatIfNoneMatchTurnsInto304() {
        String script = admin.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote(unique("etag-run")),
                quote(COUNTER)));
        String run = admin.run(script, true);
        admin.awaitFinished(run, java.time.Duration.ofSeconds(60));
        List<String> paths = new java.util.ArrayList<>(resources().stream().map(Resource::path).toList());
        paths.addAll(List.of("api/runs/" + run, "api/scripts/" + script + "/versions/1", "api/auth/me"));
        for (String path : paths) {
            Api.Answer answer = admin.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            String tag = answer.header("ETag");
            assertThat(tag).as(path + " ETag").matches("\"[A-Za-z0-9_-]{27}\"");
            assertThat(admin.get(path).header("ETag")).as(path + " unchanged, same tag").isEqualTo(tag);

            Api.Answer same = admin.with("If-None-Match", tag).get(path);
            assertThat(same.status()).as(path + " If-None-Match").isEqualTo(304);
            assertThat(same.body()).isEmpty();
            assertThat(same.header("ETag")).isEqualTo(tag);
            assertThat(admin.with("If-None-Match", "W/" + tag).get(path).status()).as("weak comparison").isEqualTo(304);
            assertThat(admin.with("If-None-Match", "\"other\"").get(path).status()).isEqualTo(200);
        }
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndChangesNothingWhileTheCurrentTagIsAccepted() {
        for (Resource resource : resources()) {
            String path = resource.path();
            String stale = admin.get(path).header("ETag");
            if (resource.change() != null) {
                assertThat(resource.change().apply(admin).status()).as(path + " changed elsewhere").isEqualTo(200);
                Api.Answer now = admin.get(path);
                assertThat(now.header("ETag")).as(path + " a change, a new tag").isNotEqualTo(stale);

                Api.Answer refused = resource.change().apply(admin.with("If-Match", stale));
                assertThat(refused.status()).as(path + " written with a stale tag").isEqualTo(412);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header("ETag")).as("the current tag comes along").isEqualTo(now.header("ETag"));
                assertThat(refused.json().getString("detail")).contains("changed by somebody else since you read it");
                assertThat(admin.get(path).json()).as(path + " nothing changed").isEqualTo(now.json());

                Api.Answer accepted = resource.change().apply(admin.with("If-Match", now.header("ETag")));
                assertThat(accepted.status()).as(path + " written with the current tag").isEqualTo(200);
                assertThat(accepted.header("ETag")).as("the answer's tag is the new state's")
                        .isEqualTo(admin.get(path).header("ETag"));
                stale = now.header("ETag");
            } else {
                stale = "\"" + "x".repeat(27) + "\"";
            }
            assertThat(admin.with("If-Match", stale).delete(path).status()).as(path + " DELETE, stale tag")
                    .isEqualTo(412);
            assertThat(admin.get(path).status()).as(path + " still there").isEqualTo(200);
            assertThat(admin.with("If-Match", admin.get(path).header("ETag")).delete(path).status())
                    .as(path + " DELETE, current tag").isEqualTo(204);
            assertThat(admin.get(path).status()).as(path + " gone").isEqualTo(404);
        }
    }

    @Test
    void aScriptPatchWithAStaleTagChangesNothing() {
        String id = admin.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote(unique("stale-patch")),
                quote(COUNTER)));
        String read = admin.get("api/scripts/" + id).header("ETag");
        admin.awaitFinished(admin.run(id, true), java.time.Duration.ofSeconds(60));
        JsonObject afterRun = admin.get("api/scripts/" + id).json();

        Api.Answer refused = admin.with("If-Match", read).patch("api/scripts/" + id, "{\"active\": false}");
        assertThat(refused.status()).as("a run changed the data and last run since the read").isEqualTo(412);
        assertThat(admin.get("api/scripts/" + id).json()).isEqualTo(afterRun);
        Api.Answer put = admin.with("If-Match", read).put("api/scripts/" + id,
                "{\"name\": %s, \"mainCode\": %s}".formatted(quote(afterRun.getString("name")), quote(COUNTER)));
        assertThat(put.status()).isEqualTo(412);
        assertThat(admin.with("If-Match", read).delete("api/scripts/" + id).status()).isEqualTo(412);
        assertThat(admin.get("api/scripts/" + id).json()).isEqualTo(afterRun);
    }

    /** The story of issue 24, through the API: read, a run changes the data, write back without data. */
    @Test
    void aStaleFullPutThatLeavesDataOutKeepsWhatTheRunsWrote() {
        String name = unique("full-put");
        String id = admin.createScript("{\"name\": %s, \"mainCode\": %s, \"schedule\": {\"kind\": \"manual\"}}"
                .formatted(quote(name), quote(COUNTER)));
        JsonObject read = admin.get("api/scripts/" + id).json();
        assertThat(read.getJsonObject("data")).isEmpty();
        admin.awaitFinished(admin.run(id, true), java.time.Duration.ofSeconds(60));
        admin.awaitFinished(admin.run(id, true), java.time.Duration.ofSeconds(60));

        Api.Answer put = admin.put("api/scripts/" + id, """
                {"name": %s, "description": null, "active": true, "mainCode": %s, "triggerCode": null,
                 "requirements": null, "schedule": {"kind": "manual"}, "policy": %s}"""
                .formatted(quote(name), quote(COUNTER + "    print(data)\n"), read.getJsonObject("policy")));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().getJsonObject("data").getInt("n")).as("the runs' data, kept").isEqualTo(2);
        assertThat(put.json().getJsonNumber("dataVersion").longValue())
                .isEqualTo(admin.get("api/scripts/" + id).json().getJsonNumber("dataVersion").longValue());
        assertThat(admin.get("api/audit?target=" + id + "&action=SCRIPT_DATA_EDITED").json().getInt("total")).isZero();
    }

    @Test
    void ifNoneMatchStarCreatesOnlyWhatDoesNotExist() {
        String name = unique("ONCE").replace('-', '_').toUpperCase();
        Api once = admin.with("If-None-Match", "*");
        assertThat(once.put("api/variables/" + name, "{\"value\": \"first\"}").status()).isEqualTo(200);
        Api.Answer second = once.put("api/variables/" + name, "{\"value\": \"second\"}");
        assertThat(second.status()).isEqualTo(412);
        assertThat(second.json().getString("detail")).contains("exists already");
        assertThat(admin.get("api/variables/" + name).json().getString("value")).isEqualTo("first");
        assertThat(admin.with("If-Match", "*").put("api/variables/" + unique("NEW").replace('-', '_').toUpperCase(),
                "{\"value\": \"x\"}").status()).as("If-Match: * needs an existing one").isEqualTo(412);
    }

    @Test
    void aConditionThatIsNoListOfTagsIsA400NamingTheHeader() {
        String id = admin.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote(unique("bad-tag")),
                quote(COUNTER)));
        for (String value : List.of("abc", "\"a\" \"b\"", "\"a\",")) {
            Api.Answer answer = admin.with("If-Match", value).patch("api/scripts/" + id, "{\"active\": false}");
            assertThat(answer.status()).as(value).isEqualTo(400);
            assertThat(answer.json().getString("field")).isEqualTo("If-Match");
        }
        assertThat(admin.get("api/scripts/" + id).json().getBoolean("active")).isTrue();
    }
}
