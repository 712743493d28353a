package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** The audit log: an entry for each audited action, by the acting user, and filters to find them. */
class AuditIT extends MicroIT {

    private static final String MAIN = "def main(data):\n    pass\n";

    private Api admin;

    @BeforeEach
    void setUp() {
        admin = asAdmin();
    }

    @Test
    void loginsAndFailedLoginsAreRecordedWithTheNameTriedAndTheAddress() {
        String name = "auditee-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createUser(name, "auditee-password-1", "viewer");
        Api stranger = new Api(uri());

        assertThat(stranger.post("api/auth/token", "{\"username\": %s, \"password\": \"wrong\"}".formatted(quote(name)))
                .status()).isEqualTo(401);
        assertThat(stranger.post("api/auth/token", "{\"username\": %s, \"password\": \"auditee-password-1\"}"
                .formatted(quote(name))).status()).isEqualTo(200);

        List<JsonObject> entries = entries("actor=" + name);
        assertThat(entries).extracting(e -> e.getString("action")).containsExactly("LOGIN", "LOGIN_FAILED");
        assertThat(entries.get(1).getString("detail")).contains("API token").contains("wrong username or password")
                .doesNotContain("wrong\"");
        assertThat(entries).allSatisfy(e -> assertThat(e.getString("address")).isNotBlank());
        assertThat(admin.get("api/audit?actor=" + name).body()).doesNotContain("auditee-password-1");
    }

    @Test
    void scriptAndRunActionsNameTheUserWhoDidThem() {
        Api user = admin.withNewUser("user");
        String who = user.get("api/auth/me").json().getString("username");
        Instant start = Instant.now().minusSeconds(1);
        String id = user.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(
                quote("audited-" + UUID.randomUUID()), quote(MAIN)));
        user.patch("api/scripts/" + id, "{\"mainCode\": %s, \"description\": \"now two\"}".formatted(quote(MAIN + "# 2\n")));
        user.patch("api/scripts/" + id, "{\"data\": {\"edited\": true}}");
        String forced = user.run(id, true);
        user.awaitFinished(forced, Duration.ofSeconds(60));
        user.patch("api/scripts/" + id, "{\"mainCode\": %s}".formatted(quote(Api.SLEEPER)));
        String sleeping = user.run(id, false);
        user.awaitSleeping(sleeping, Duration.ofSeconds(60));
        assertThat(user.post("api/runs/" + sleeping + "/stop", "").status()).isEqualTo(202);
        user.awaitFinished(sleeping, Duration.ofSeconds(60));
        user.post("api/scripts/" + id + "/versions/1/rollback", "");
        assertThat(user.delete("api/scripts/" + id).status()).isEqualTo(204);

        List<JsonObject> byUser = entries("actor=" + who + "&since=" + start);
        assertThat(byUser).extracting(e -> e.getString("action")).containsExactly("SCRIPT_DELETED",
                "SCRIPT_ROLLED_BACK", "SCRIPT_UPDATED", "RUN_STOPPED", "RUN_REQUESTED", "SCRIPT_UPDATED", "RUN_FORCED",
                "SCRIPT_DATA_EDITED", "SCRIPT_UPDATED", "SCRIPT_CREATED", "LOGIN");
        assertThat(byUser).filteredOn(e -> e.getString("action").startsWith("SCRIPT"))
                .allSatisfy(e -> assertThat(e.getString("targetId")).isEqualTo(id));
        assertThat(byUser.get(8).getString("detail")).isEqualTo("changed description, mainCode; now version 2");
        assertThat(byUser).filteredOn(e -> e.getString("action").equals("RUN_STOPPED"))
                .singleElement().satisfies(e -> assertThat(e.getString("targetId")).isEqualTo(sleeping));

        assertThat(entries("target=" + id)).as("the script's own entries; runs are targets of their own").hasSize(7)
                .allSatisfy(e -> assertThat(e.getString("actor")).isEqualTo(who));
        assertThat(entries("target=" + id + "&action=script_updated")).hasSize(3);
        assertThat(entries("target=" + id + "&until=" + start)).isEmpty();
    }

    @Test
    void accountsKeysAndPasswordsAreRecordedWithoutSecrets() {
        String name = "managed-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = admin.createUser(name, "first-password-1", "viewer");
        admin.put("api/users/" + userId, "{\"role\": \"user\", \"password\": \"second-password-2\"}");
        Api managed = new Api(uri()).login(name, "second-password-2");
        assertThat(managed.post("api/auth/password", "{\"currentPassword\": \"second-password-2\","
                + " \"newPassword\": \"third-password-3\"}").status()).isBetween(200, 204);
        JsonObject key = managed.post("api/api-keys", "{\"name\": \"audited key\"}").json();
        assertThat(managed.delete("api/api-keys/" + key.getString("id")).status()).isEqualTo(204);
        assertThat(admin.delete("api/users/" + userId).status()).isEqualTo(204);

        List<JsonObject> aboutUser = entries("target=" + userId);
        assertThat(aboutUser).extracting(e -> e.getString("action") + " by " + e.getString("actor")).containsExactly(
                "USER_DELETED by admin", "PASSWORD_CHANGED by " + name, "USER_UPDATED by admin", "USER_CREATED by admin");
        assertThat(aboutUser.get(2).getString("detail")).isEqualTo("was VIEWER, is USER; password set");
        assertThat(entries("target=" + key.getString("id"))).extracting(e -> e.getString("action"))
                .containsExactly("API_KEY_REVOKED", "API_KEY_CREATED");
        String everything = admin.get("api/audit?limit=500").body();
        assertThat(everything).doesNotContain("first-password-1", "second-password-2", "third-password-3",
                key.getString("key"));
    }

    @Test
    void badFiltersGetAProblemAndOnlyAdminsReadTheLog() {
        Api.Answer bad = admin.get("api/audit?action=EVERYTHING");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("detail")).contains("SCRIPT_UPDATED");
        assertThat(admin.get("api/audit?since=yesterday").status()).isEqualTo(400);
        assertThat(admin.get("api/audit?limit=501").status()).isEqualTo(400);
        assertThat(admin.withNewUser("user").get("api/audit").status()).isEqualTo(403);
    }

    private List<JsonObject> entries(String filter) {
        Api.Answer answer = admin.get("api/audit?limit=500&" + filter.replace("+", "%2B").replace(":", "%3A"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
    }
}
