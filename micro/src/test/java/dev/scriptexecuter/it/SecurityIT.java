package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static dev.scriptexecuter.it.ScriptsApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Accounts, API keys, tokens and login throttling against the real Micro WAR. */
class SecurityIT extends MicroIT {

    private static final String MAIN = "def main(data):\n    pass\n";

    private Api anonymous;
    private Api admin;

    @BeforeEach
    void setUp() throws Exception {
        anonymous = new Api(base.toURI());
        admin = anonymous.asAdmin();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anApiKeyWorksUntilItIsRevokedAndThenAtOnceNoMore() {
        Api.Answer created = admin.post("api/api-keys", "{\"name\": \"deploy bot\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().getString("key");
        String id = created.json().getString("id");
        assertThat(key).startsWith("ses_");
        Api bot = anonymous.with("X-API-Key", key);
        assertThat(bot.get("api/auth/me").json().getString("username")).isEqualTo("admin");
        assertThat(bot.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote(unique("by-key")), quote(MAIN))))
                .isNotBlank();

        String listed = admin.get("api/api-keys").body();
        assertThat(listed).contains(id).contains("deploy bot").doesNotContain(key)
                .doesNotContain(key.substring(key.lastIndexOf('_') + 1));

        assertThat(admin.delete("api/api-keys/" + id).status()).isEqualTo(204);
        assertProblem(bot.get("api/auth/me"), 401, "invalid, expired or revoked");
        assertProblem(anonymous.with("X-API-Key", key.substring(0, key.length() - 1) + "x").get("api/scripts"), 401,
                "invalid");
    }

    @Test
    void aKeyActsWithItsOwnersRole() {
        String viewer = unique("monitor");
        admin.createUser(viewer, "monitor-password", "viewer");
        Api.Answer created = admin.post("api/api-keys", "{\"name\": \"dashboard scraper\", \"owner\": %s}"
                .formatted(quote(viewer)));
        assertThat(created.json().getString("owner")).isEqualTo(viewer);
        Api scraper = anonymous.with("X-API-Key", created.json().getString("key"));
        assertThat(scraper.get("api/scripts").status()).isEqualTo(200);
        assertProblem(scraper.post("api/scripts", "{\"name\": \"nope\", \"mainCode\": %s}".formatted(quote(MAIN))), 403,
                "Your role does not allow this action.");

        Api owner = anonymous.login(viewer, "monitor-password");
        assertProblem(owner.post("api/api-keys", "{\"name\": \"own\"}"), 403, "role");
        String user = unique("dev");
        admin.createUser(user, "developer-password", "user");
        assertProblem(anonymous.login(user, "developer-password").post("api/api-keys",
                "{\"name\": \"k\", \"owner\": \"admin\"}"), 400, "Only admins may make API keys for other accounts.");
    }

    @Test
    void aDisabledAccountsTokenStopsWorkingAtOnce() {
        String name = unique("leaver");
        String id = admin.createUser(name, "leaver-password", "user");
        Api leaver = anonymous.login(name, "leaver-password");
        assertThat(leaver.get("api/scripts").status()).isEqualTo(200);
        assertThat(admin.put("api/users/" + id, "{\"enabled\": false}").status()).isEqualTo(200);
        assertProblem(leaver.get("api/scripts"), 401, "invalid, expired or revoked");
        assertProblem(anonymous.post("api/auth/token", "{\"username\": %s, \"password\": \"leaver-password\"}"
                .formatted(quote(name))), 401, "The username or password is wrong.");
    }

    @Test
    void unknownUsersAndWrongPasswordsGetTheSameAnswer() {
        String name = unique("someone");
        admin.createUser(name, "someone-password", "viewer");
        Api.Answer wrongPassword = anonymous.post("api/auth/token",
                "{\"username\": %s, \"password\": \"not-the-password\"}".formatted(quote(name)));
        Api.Answer unknownUser = anonymous.post("api/auth/token",
                "{\"username\": %s, \"password\": \"not-the-password\"}".formatted(quote(unique("nobody"))));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(wrongPassword.status());
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
    }

    @Test
    void repeatedFailuresAreThrottledEvenForTheRightPassword() {
        String name = unique("target");
        admin.createUser(name, "target-password", "viewer");
        String wrong = "{\"username\": %s, \"password\": \"guess\"}".formatted(quote(name));
        for (int i = 0; i < 5; i++) {
            assertThat(anonymous.post("api/auth/token", wrong).status()).isIn(401, 429);
        }
        Api.Answer throttled = anonymous.post("api/auth/token",
                "{\"username\": %s, \"password\": \"target-password\"}".formatted(quote(name)));
        JsonObject problem = assertProblem(throttled, 429, "Too many failed logins; try again in");
        assertThat(problem.getJsonNumber("retryAfter").longValue()).isPositive();
    }

    @Test
    void accountsAreManagedWithSentencesForBadInput() {
        assertProblem(admin.post("api/users", "{\"username\": \"weak\", \"password\": \"short\", \"role\": \"user\"}"),
                400, "at least 10 characters");
        assertProblem(admin.post("api/users", "{\"username\": \"x y\", \"password\": \"long-enough-pw\"}"), 400,
                "letters, digits");
        assertProblem(admin.post("api/users", "{\"username\": \"r\", \"password\": \"long-enough-pw\", \"role\": \"root\"}"),
                400, "The role 'root' is unknown");
        assertProblem(admin.post("api/users", "{\"username\": \"admin\", \"password\": \"long-enough-pw\"}"), 409,
                "exists already");
        String adminId = admin.get("api/auth/me").json().getString("id");
        assertProblem(admin.put("api/users/" + adminId, "{\"enabled\": false}"), 409, "last enabled admin");
        assertProblem(admin.delete("api/users/" + adminId), 409, "last enabled admin");
        String body = admin.get("api/users").body();
        assertThat(body).doesNotContain("password").doesNotContain("PBKDF2");
    }

    /** Usernames differ by more than case; an account names its role; a mistyped property is named back. */
    @Test
    void accountNamesAreUniqueWhateverTheirCaseAndARoleIsRequired() {
        String name = unique("casey");
        admin.createUser(name, "long-enough-pw", "viewer");
        JsonObject upper = assertProblem(admin.post("api/users", "{\"username\": %s, \"password\": \"long-enough-pw\","
                .formatted(quote(name.toUpperCase(java.util.Locale.ROOT))) + " \"role\": \"admin\"}"), 409,
                "exists already");
        assertThat(upper.getString("detail")).doesNotContainIgnoringCase("exception");
        assertProblem(admin.post("api/users", "{\"username\": \"ADMIN\", \"password\": \"long-enough-pw\","
                + " \"role\": \"admin\"}"), 409, "exists already");

        String noRole = unique("norole");
        JsonObject missing = assertProblem(admin.post("api/users", "{\"username\": %s, \"password\": \"long-enough-pw\"}"
                .formatted(quote(noRole))), 400, "role");
        assertThat(missing.getString("field")).isEqualTo("role");
        JsonObject typo = assertProblem(admin.post("api/users", "{\"username\": %s, \"password\": \"long-enough-pw\","
                .formatted(quote(noRole)) + " \"roles\": [\"admin\"]}"), 400, "Did you mean \"role\"?");
        assertThat(typo.getString("field")).isEqualTo("roles");
        assertThat(admin.get("api/users").body()).as("no account was made by the refused requests")
                .doesNotContain(noRole).doesNotContain(name.toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void changingTheOwnPasswordRetiresTheOldOne() {
        String name = unique("changer");
        admin.createUser(name, "first-password", "viewer");
        Api changer = anonymous.login(name, "first-password");
        assertProblem(changer.post("api/auth/password",
                "{\"currentPassword\": \"wrong-one\", \"newPassword\": \"second-password\"}"), 400,
                "The current password is wrong.");
        assertThat(changer.post("api/auth/password",
                "{\"currentPassword\": \"first-password\", \"newPassword\": \"second-password\"}").status()).isEqualTo(204);
        assertThat(anonymous.post("api/auth/token", "{\"username\": %s, \"password\": \"first-password\"}"
                .formatted(quote(name))).status()).isEqualTo(401);
        assertThat(anonymous.login(name, "second-password").get("api/auth/me").status()).isEqualTo(200);
    }
}
