package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** Code versions: made only by code changes, referenced by runs, diffed and rolled back. */
class ScriptVersionsIT extends MicroIT {

    private static final String V1 = "def main(data):\n    print('one')\n    return data\n";
    private static final String V2 = "def main(data):\n    print('two')\n    return data\n";

    private Api admin;

    @BeforeEach
    void setUp() {
        admin = asAdmin();
    }

    @Test
    void onlyChangesOfCodeMakeVersionsEachWithItsAuthorAndMessage() {
        Api user = admin.withNewUser("user");
        String id = admin.createScript("{\"name\": \"versions-made\", \"mainCode\": %s, \"versionMessage\": \"first\"}"
                .formatted(quote(V1)));
        assertThat(admin.get("api/scripts/" + id).json().getInt("currentVersion")).isEqualTo(1);

        JsonObject renamed = user.put("api/scripts/" + id, ("{\"name\": \"versions-made-2\", \"mainCode\": %s,"
                + " \"description\": \"only words\", \"schedule\": {\"kind\": \"interval\", \"every\": \"1h\"},"
                + " \"data\": {\"n\": 2}}").formatted(quote(V1))).json();
        assertThat(renamed.getInt("currentVersion")).as("no code changed").isEqualTo(1);
        assertThat(user.patch("api/scripts/" + id, "{\"active\": false}").json().getInt("currentVersion")).isEqualTo(1);

        JsonObject changed = user.patch("api/scripts/" + id, "{\"mainCode\": %s, \"versionMessage\": \"print two\"}"
                .formatted(quote(V2))).json();
        assertThat(changed.getInt("currentVersion")).isEqualTo(2);
        assertThat(user.patch("api/scripts/" + id, "{\"requirements\": \"# nothing to install\\n\"}").json()
                .getInt("currentVersion")).as("requirements are code").isEqualTo(3);

        List<JsonObject> versions = versions(id);
        assertThat(versions).extracting(v -> v.getInt("number")).containsExactly(3, 2, 1);
        assertThat(versions).extracting(v -> v.getString("author")).containsExactly(username(user), username(user),
                "admin");
        assertThat(versions.get(1).getString("message")).isEqualTo("print two");
        assertThat(versions.get(2).getString("message")).isEqualTo("first");
        assertThat(versions.get(0).isNull("message")).isTrue();
        assertThat(versions).extracting(v -> v.getBoolean("current")).containsExactly(true, false, false);
        assertThat(versions).allSatisfy(v -> assertThat(v.isNull("mainCode")).as("lists leave code out").isTrue());
        assertThat(versions).extracting(v -> v.getString("contentHash")).doesNotHaveDuplicates()
                .allSatisfy(hash -> assertThat(hash).hasSize(64));

        JsonObject first = admin.get("api/scripts/" + id + "/versions/1").json();
        assertThat(first.getString("mainCode")).isEqualTo(V1);
        assertThat(first.isNull("requirements")).isTrue();
        assertThat(admin.get("api/scripts/" + id + "/versions/3").json().getString("requirements"))
                .isEqualTo("# nothing to install\n");
    }

    @Test
    void eachRunRecordsTheVersionItRan() {
        String id = admin.createScript("{\"name\": \"versions-runs\", \"mainCode\": %s}".formatted(quote(V1)));
        JsonObject first = admin.awaitFinished(admin.run(id, true), Duration.ofSeconds(60));
        admin.patch("api/scripts/" + id, "{\"mainCode\": %s}".formatted(quote(V2)));
        JsonObject second = admin.awaitFinished(admin.run(id, true), Duration.ofSeconds(60));

        assertThat(first.getInt("scriptVersion")).isEqualTo(1);
        assertThat(admin.get("api/runs/" + first.getString("id") + "/log").body()).contains("one");
        assertThat(second.getInt("scriptVersion")).isEqualTo(2);
        assertThat(admin.get("api/runs/" + second.getString("id") + "/log").body()).contains("two");
    }

    @Test
    void aDiffShowsWhatAVersionChangedAndARollbackSavesOldCodeAsANewVersion() {
        Api viewer = admin.withNewUser("viewer");
        String id = admin.createScript("{\"name\": \"versions-diff\", \"mainCode\": %s}".formatted(quote(V1)));
        admin.patch("api/scripts/" + id, "{\"mainCode\": %s, \"data\": {\"kept\": true}}".formatted(quote(V2)));

        JsonObject diff = viewer.get("api/scripts/" + id + "/versions/2/diff").json();
        assertThat(diff.getInt("from")).isEqualTo(1);
        assertThat(diff.getInt("to")).isEqualTo(2);
        assertThat(diff.getString("diff")).isEqualTo("""
                --- a/main.py (version 1)
                +++ b/main.py (version 2)
                @@ -1,3 +1,3 @@
                 def main(data):
                -    print('one')
                +    print('two')
                     return data
                """);
        assertThat(viewer.get("api/scripts/" + id + "/versions/1/diff").json().getString("diff"))
                .as("version 1 against nothing").startsWith("--- a/main.py (version 0)").contains("+    print('one')");
        assertThat(viewer.get("api/scripts/" + id + "/versions/2/diff?against=2").json().getString("diff")).isEmpty();
        assertThat(viewer.post("api/scripts/" + id + "/versions/1/rollback", "").status()).isEqualTo(403);

        Api.Answer rolledBack = admin.post("api/scripts/" + id + "/versions/1/rollback", "{\"message\": \"two was wrong\"}");
        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.json().getInt("currentVersion")).isEqualTo(3);
        assertThat(rolledBack.json().getString("mainCode")).isEqualTo(V1);
        assertThat(rolledBack.json().getJsonObject("data").getBoolean("kept")).as("data stays").isTrue();
        JsonObject third = admin.get("api/scripts/" + id + "/versions/3").json();
        assertThat(third.getString("message")).isEqualTo("two was wrong");
        assertThat(third.getString("contentHash"))
                .isEqualTo(admin.get("api/scripts/" + id + "/versions/1").json().getString("contentHash"));
        assertThat(admin.get("api/scripts/" + id + "/versions/3/diff?against=1").json().getString("diff")).isEmpty();

        Api.Answer again = admin.post("api/scripts/" + id + "/versions/1/rollback", "");
        assertThat(again.status()).as("version 1's code is the script's now").isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(versions(id)).hasSize(3);
    }

    @Test
    void unknownVersionsAndBadRequestsGetAProblem() {
        String id = admin.createScript("{\"name\": \"versions-bad\", \"mainCode\": %s}".formatted(quote(V1)));

        for (String path : List.of("versions/9", "versions/x", "versions/9/diff", "versions/1/diff?against=7")) {
            Api.Answer answer = admin.get("api/scripts/" + id + "/" + path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
        }
        assertThat(admin.get("api/scripts/no-such-script/versions").status()).isEqualTo(404);
        assertThat(admin.post("api/scripts/" + id + "/versions/1/rollback", "{\"message\": 5").status())
                .isEqualTo(400);
        Api.Answer tooLong = admin.patch("api/scripts/" + id, "{\"mainCode\": %s, \"versionMessage\": \"%s\"}"
                .formatted(quote(V2), "x".repeat(501)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().getString("detail")).contains("versionMessage");
        assertThat(versions(id)).as("a refused save makes no version").hasSize(1);
    }

    private List<JsonObject> versions(String id) {
        Api.Answer answer = admin.get("api/scripts/" + id + "/versions");
        assertThat(answer.status()).isEqualTo(200);
        return jakarta.json.Json.createReader(new java.io.StringReader(answer.body())).readArray().stream()
                .map(JsonValue::asJsonObject).toList();
    }

    private static String username(Api api) {
        return api.get("api/auth/me").json().getString("username");
    }
}
