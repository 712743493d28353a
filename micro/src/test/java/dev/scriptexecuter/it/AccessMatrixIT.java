package dev.scriptexecuter.it;

import dev.scriptexecuter.environment.control.TestWheels;
import dev.scriptexecuter.rest.RestApplication;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every REST endpoint, called by every kind of caller, answers as its access
 * rule says: 401 without valid credentials, 403 for a role below the rule,
 * 2xx otherwise. An endpoint without a rule here fails the test.
 */
class AccessMatrixIT extends MicroIT {

    /** Who may call an endpoint, at the least. */
    enum Access { PUBLIC, VIEWER, USER, ADMIN }

    enum Identity { ANONYMOUS, VIEWER, USER, ADMIN, REVOKED_API_KEY, EXPIRED_JWT, TAMPERED_JWT }

    private static final String MAIN = "def main(data):\n    pass\n";

    /** One request: method, path under the application, body (or null). */
    record Call(String method, String path, String body) {
    }

    record Rule(Access access, BiFunction<AccessMatrixIT, Identity, Call> call) {
    }

    private static final Map<String, Rule> RULES = new TreeMap<>(Map.ofEntries(
            // an account of its own: the matrix's callers have a second factor by the time this rule runs
            Map.entry("POST /api/auth/token", new Rule(Access.PUBLIC, (t, who) -> new Call("POST", "api/auth/token",
                    "{\"username\": \"matrix-plain\", \"password\": \"matrix-plain-pw\"}"))),
            Map.entry("GET /api/auth/me", new Rule(Access.VIEWER, (t, who) -> get("api/auth/me"))),
            Map.entry("POST /api/auth/password", new Rule(Access.VIEWER, (t, who) -> new Call("POST",
                    "api/auth/password", "{\"currentPassword\": %s, \"newPassword\": %s}"
                    .formatted(quote(password(who)), quote(password(who)))))),
            Map.entry("GET /api/scripts", new Rule(Access.VIEWER, (t, who) -> get("api/scripts"))),
            Map.entry("POST /api/scripts", new Rule(Access.USER, (t, who) -> new Call("POST", "api/scripts",
                    script("created-" + UUID.randomUUID())))),
            Map.entry("GET /api/scripts/{id}", new Rule(Access.VIEWER, (t, who) -> get("api/scripts/" + t.scriptId))),
            Map.entry("PUT /api/scripts/{id}", new Rule(Access.USER, (t, who) -> new Call("PUT",
                    "api/scripts/" + t.scriptId, script("matrix-script")))),
            Map.entry("PATCH /api/scripts/{id}", new Rule(Access.USER, (t, who) -> new Call("PATCH",
                    "api/scripts/" + t.scriptId, "{\"description\": \"patched\"}"))),
            Map.entry("DELETE /api/scripts/{id}", new Rule(Access.USER, (t, who) -> new Call("DELETE",
                    "api/scripts/" + t.freshScript(), null))),
            Map.entry("POST /api/scripts/{id}/runs", new Rule(Access.USER, (t, who) -> new Call("POST",
                    "api/scripts/" + t.scriptId + "/runs", ""))),
            Map.entry("POST /api/scripts/{id}/pause", new Rule(Access.USER, (t, who) -> new Call("POST",
                    "api/scripts/" + t.scriptId + "/pause", "{\"duration\": \"PT1H\"}"))),
            Map.entry("POST /api/scripts/{id}/resume", new Rule(Access.USER, (t, who) -> new Call("POST",
                    "api/scripts/" + t.scriptId + "/resume", ""))),
            Map.entry("GET /api/scripts/{id}/runs", new Rule(Access.VIEWER, (t, who) ->
                    get("api/scripts/" + t.scriptId + "/runs"))),
            Map.entry("GET /api/scripts/{id}/versions", new Rule(Access.VIEWER, (t, who) ->
                    get("api/scripts/" + t.scriptId + "/versions"))),
            Map.entry("GET /api/scripts/{id}/versions/{number}", new Rule(Access.VIEWER, (t, who) ->
                    get("api/scripts/" + t.scriptId + "/versions/1"))),
            Map.entry("GET /api/scripts/{id}/versions/{number}/diff", new Rule(Access.VIEWER, (t, who) ->
                    get("api/scripts/" + t.scriptId + "/versions/1/diff"))),
            Map.entry("POST /api/scripts/{id}/versions/{number}/rollback", new Rule(Access.USER, (t, who) ->
                    new Call("POST", "api/scripts/" + t.scriptWithTwoVersions() + "/versions/1/rollback", ""))),
            Map.entry("GET /api/runs/{runId}", new Rule(Access.VIEWER, (t, who) -> get("api/runs/" + t.runId))),
            Map.entry("GET /api/incidents", new Rule(Access.VIEWER, (t, who) -> get("api/incidents?open=true"))),
            Map.entry("GET /api/runs/search", new Rule(Access.VIEWER, (t, who) ->
                    get("api/runs/search?text=hello&script=" + t.scriptId))),
            Map.entry("GET /api/runs/export", new Rule(Access.VIEWER, (t, who) ->
                    get("api/runs/export?script=" + t.scriptId))),
            Map.entry("GET /api/runs/{runId}/log", new Rule(Access.VIEWER, (t, who) ->
                    get("api/runs/" + t.runId + "/log"))),
            Map.entry("POST /api/runs/{runId}/stop", new Rule(Access.USER, (t, who) -> new Call("POST",
                    "api/runs/" + t.runToStop(who) + "/stop", ""))),
            Map.entry("GET /api/api-keys", new Rule(Access.VIEWER, (t, who) -> get("api/api-keys"))),
            Map.entry("GET /api/api-keys/{id}", new Rule(Access.VIEWER, (t, who) ->
                    get("api/api-keys/" + t.keyOwnedBy(who)))),
            Map.entry("POST /api/api-keys", new Rule(Access.USER, (t, who) -> new Call("POST", "api/api-keys",
                    "{\"name\": \"matrix\"}"))),
            Map.entry("DELETE /api/api-keys/{id}", new Rule(Access.USER, (t, who) -> new Call("DELETE",
                    "api/api-keys/" + t.keyToRevoke(who), null))),
            Map.entry("GET /api/environments", new Rule(Access.VIEWER, (t, who) -> get("api/environments"))),
            Map.entry("GET /api/environments/{id}", new Rule(Access.VIEWER, (t, who) ->
                    get("api/environments/" + t.environmentId))),
            Map.entry("GET /api/environments/{id}/log", new Rule(Access.VIEWER, (t, who) ->
                    get("api/environments/" + t.environmentId + "/log"))),
            Map.entry("POST /api/environments/{id}/rebuild", new Rule(Access.ADMIN, (t, who) -> new Call("POST",
                    "api/environments/" + t.environmentId + "/rebuild", ""))),
            Map.entry("DELETE /api/environments/{id}", new Rule(Access.ADMIN, (t, who) -> new Call("DELETE",
                    "api/environments/" + t.unusedEnvironment(who), null))),
            Map.entry("GET /api/audit", new Rule(Access.ADMIN, (t, who) -> get("api/audit?action=LOGIN"))),
            Map.entry("POST /api/retention/purge", new Rule(Access.ADMIN, (t, who) -> new Call("POST",
                    "api/retention/purge", ""))),
            Map.entry("GET /api/variables", new Rule(Access.VIEWER, (t, who) -> get("api/variables"))),
            Map.entry("GET /api/variables/{name}", new Rule(Access.VIEWER, (t, who) ->
                    get("api/variables/" + t.freshVariable(null)))),
            Map.entry("GET /api/scripts/{id}/variables/{name}", new Rule(Access.VIEWER, (t, who) ->
                    get("api/scripts/" + t.scriptId + "/variables/" + t.freshVariable(t.scriptId)))),
            Map.entry("PUT /api/variables/{name}", new Rule(Access.ADMIN, (t, who) -> new Call("PUT",
                    "api/variables/MATRIX_GLOBAL", "{\"value\": \"global-value\", \"secret\": true}"))),
            Map.entry("DELETE /api/variables/{name}", new Rule(Access.ADMIN, (t, who) -> new Call("DELETE",
                    "api/variables/" + t.freshVariable(null), null))),
            Map.entry("POST /api/variables/reseal", new Rule(Access.ADMIN, (t, who) -> new Call("POST",
                    "api/variables/reseal", ""))),
            Map.entry("GET /api/scripts/{id}/variables", new Rule(Access.VIEWER, (t, who) ->
                    get("api/scripts/" + t.scriptId + "/variables"))),
            Map.entry("PUT /api/scripts/{id}/variables/{name}", new Rule(Access.USER, (t, who) -> new Call("PUT",
                    "api/scripts/" + t.scriptId + "/variables/MATRIX_OWN", "{\"value\": \"own\"}"))),
            Map.entry("DELETE /api/scripts/{id}/variables/{name}", new Rule(Access.USER, (t, who) -> new Call("DELETE",
                    "api/scripts/" + t.scriptId + "/variables/" + t.freshVariable(t.scriptId), null))),
            Map.entry("GET /api/export", new Rule(Access.VIEWER, (t, who) -> get("api/export?script=" + t.scriptId))),
            Map.entry("POST /api/import", new Rule(Access.USER, (t, who) -> new Call("POST", "api/import?dryRun=true",
                    "{\"format\": \"script-executer-export\", \"formatVersion\": 1, \"scripts\": [" + script("imported")
                            + "]}"))),
            Map.entry("GET /api/webhook", new Rule(Access.VIEWER, (t, who) -> get("api/webhook" + t.freshGlobalWebhook()))),
            Map.entry("PUT /api/webhook", new Rule(Access.ADMIN, (t, who) -> new Call("PUT", "api/webhook",
                    "{\"url\": \"http://127.0.0.1:9/hook\", \"events\": [\"failure\"]}"))),
            Map.entry("DELETE /api/webhook", new Rule(Access.ADMIN, (t, who) -> new Call("DELETE", "api/webhook"
                    + t.freshGlobalWebhook(), null))),
            Map.entry("GET /api/scripts/{id}/webhook", new Rule(Access.VIEWER, (t, who) ->
                    get("api/scripts/" + t.scriptWithWebhook() + "/webhook"))),
            Map.entry("PUT /api/scripts/{id}/webhook", new Rule(Access.USER, (t, who) -> new Call("PUT",
                    "api/scripts/" + t.scriptId + "/webhook", "{\"url\": \"http://192.0.2.1/own\"}"))),
            Map.entry("DELETE /api/scripts/{id}/webhook", new Rule(Access.USER, (t, who) -> new Call("DELETE",
                    "api/scripts/" + t.scriptWithWebhook() + "/webhook", null))),
            Map.entry("GET /api/email", new Rule(Access.VIEWER, (t, who) -> get("api/email" + t.freshGlobalMailAlert()))),
            Map.entry("PUT /api/email", new Rule(Access.ADMIN, (t, who) -> new Call("PUT", "api/email",
                    "{\"to\": [\"ops@example.test\"], \"events\": [\"late\"]}"))),
            Map.entry("DELETE /api/email", new Rule(Access.ADMIN, (t, who) -> new Call("DELETE",
                    "api/email" + t.freshGlobalMailAlert(), null))),
            Map.entry("GET /api/scripts/{id}/email", new Rule(Access.VIEWER, (t, who) ->
                    get("api/scripts/" + t.scriptWithMailAlert() + "/email"))),
            Map.entry("PUT /api/scripts/{id}/email", new Rule(Access.USER, (t, who) -> new Call("PUT",
                    "api/scripts/" + t.scriptId + "/email", "{\"to\": [\"ops@example.test\"]}"))),
            Map.entry("DELETE /api/scripts/{id}/email", new Rule(Access.USER, (t, who) -> new Call("DELETE",
                    "api/scripts/" + t.scriptWithMailAlert() + "/email", null))),
            Map.entry("GET /api/scripts/{id}/webhook/deliveries", new Rule(Access.VIEWER, (t, who) ->
                    get("api/scripts/" + t.scriptId + "/webhook/deliveries"))),
            Map.entry("GET /api/scripts/{id}/chain", new Rule(Access.VIEWER, (t, who) ->
                    get("api/scripts/" + t.scriptId + "/chain"))),
            Map.entry("PUT /api/scripts/{id}/chain", new Rule(Access.USER, (t, who) -> new Call("PUT",
                    "api/scripts/" + t.scriptId + "/chain", "{\"steps\": []}"))),
            Map.entry("GET /api/scripts/{id}/hooks", new Rule(Access.VIEWER, (t, who) ->
                    get("api/scripts/" + t.scriptId + "/hooks"))),
            Map.entry("POST /api/scripts/{id}/hooks", new Rule(Access.USER, (t, who) -> new Call("POST",
                    "api/scripts/" + t.scriptId + "/hooks", "{\"name\": \"matrix\"}"))),
            Map.entry("POST /api/scripts/{id}/hooks/{hook}/rotate", new Rule(Access.USER, (t, who) -> new Call("POST",
                    t.hookPath(t.freshHook()) + "/rotate", ""))),
            Map.entry("DELETE /api/scripts/{id}/hooks/{hook}", new Rule(Access.USER, (t, who) -> new Call("DELETE",
                    t.hookPath(t.freshHook()), null))),
            // the token is the credential: no login needed (a bad login is still refused, as everywhere)
            Map.entry("POST /api/hooks/{token}", new Rule(Access.PUBLIC, (t, who) -> new Call("POST",
                    "hooks/" + t.freshHook().getString("token"), "{}"))),
            Map.entry("GET /api/hooks/{token}/runs/{run}", new Rule(Access.PUBLIC, (t, who) -> {
                JsonObject hook = t.freshHook();
                String run = new Api(SharedServer.uri()).post("hooks/" + hook.getString("token"), "{}").json()
                        .getString("runId");
                return get("api/hooks/" + hook.getString("token") + "/runs/" + run);
            })),
            Map.entry("GET /api/tags", new Rule(Access.VIEWER, (t, who) -> get("api/tags"))),
            Map.entry("PUT /api/tags/{tag}/limit", new Rule(Access.ADMIN, (t, who) -> new Call("PUT",
                    "api/tags/matrix-tag/limit", "{\"limit\": 3}"))),
            Map.entry("DELETE /api/tags/{tag}/limit", new Rule(Access.ADMIN, (t, who) -> new Call("DELETE",
                    "api/tags/" + t.freshTagLimit() + "/limit", null))),
            Map.entry("GET /api/users", new Rule(Access.ADMIN, (t, who) -> get("api/users"))),
            Map.entry("GET /api/users/{id}", new Rule(Access.ADMIN, (t, who) -> get("api/users/" + t.freshUser()))),
            Map.entry("POST /api/users", new Rule(Access.ADMIN, (t, who) -> new Call("POST", "api/users",
                    user("new-" + UUID.randomUUID().toString().substring(0, 8))))),
            Map.entry("PUT /api/users/{id}", new Rule(Access.ADMIN, (t, who) -> new Call("PUT",
                    "api/users/" + t.freshUser(), "{\"role\": \"viewer\"}"))),
            Map.entry("DELETE /api/users/{id}", new Rule(Access.ADMIN, (t, who) -> new Call("DELETE",
                    "api/users/" + t.freshUser(), null))),
            Map.entry("DELETE /api/users/{id}/two-factor", new Rule(Access.ADMIN, (t, who) -> new Call("DELETE",
                    "api/users/" + t.userWithTwoFactor() + "/two-factor", null))),
            Map.entry("GET /api/account/two-factor", new Rule(Access.VIEWER, (t, who) -> get("api/account/two-factor"))),
            Map.entry("POST /api/account/two-factor", new Rule(Access.VIEWER, (t, who) -> new Call("POST",
                    "api/account/two-factor", ""))),
            Map.entry("POST /api/account/two-factor/confirm", new Rule(Access.VIEWER, (t, who) -> new Call("POST",
                    "api/account/two-factor/confirm", "{\"code\": %s}".formatted(quote(t.enrolled(who)))))),
            Map.entry("POST /api/account/two-factor/recovery-codes", new Rule(Access.VIEWER, (t, who) -> new Call(
                    "POST", "api/account/two-factor/recovery-codes",
                    "{\"code\": %s}".formatted(quote(t.recoveryCode(who)))))),
            Map.entry("POST /api/account/two-factor/disable", new Rule(Access.VIEWER, (t, who) -> new Call("POST",
                    "api/account/two-factor/disable", "{\"code\": %s}".formatted(quote(t.recoveryCode(who))))))));

    /** The callers that are accounts of their own (the others are refused before anything is read). */
    private static final List<Identity> ACCOUNTS = List.of(Identity.VIEWER, Identity.USER, Identity.ADMIN);

    private Api admin;
    private final Map<Identity, Api> callers = new EnumMap<>(Identity.class);
    private final Map<Identity, java.util.Deque<String>> recoveryCodes = new EnumMap<>(Identity.class);
    /** The secret each caller set up last (confirmed by the time a proof needs it). */
    private final Map<Identity, String> secrets = new EnumMap<>(Identity.class);
    private String scriptId;
    private String runId;
    private String environmentId;

    /**
     * Removes the global webhook the matrix leaves set (its PUT comes last), which would otherwise be sent
     * the failures of the classes after this one on the server they share; none is there if the matrix did
     * not run.
     */
    @AfterAll
    static void removeTheGlobalWebhook() {
        assertThat(new Api(SharedServer.uri()).asAdmin().delete("api/webhook").status()).isIn(204, 404);
        assertThat(new Api(SharedServer.uri()).asAdmin().delete("api/email").status()).isIn(204, 404);
    }

    @Test
    void everyEndpointHasARule() {
        assertThat(RULES.keySet()).as("endpoints found in the resource classes")
                .isEqualTo(Endpoints.all(RestApplication.class));
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithItsErrors() throws Exception {
        Api.Answer answer = new Api(base.toURI()).get("openapi");
        assertThat(answer.status()).as("open without a login").isEqualTo(200);
        jakarta.json.JsonObject document = answer.json();
        assertThat(document.getString("openapi")).startsWith("3.");
        java.util.Set<String> documented = new java.util.TreeSet<>();
        document.getJsonObject("paths").forEach((path, operations) -> operations.asJsonObject().forEach((verb, operation) -> {
            documented.add(verb.toUpperCase() + " " + path);
            var responses = operation.asJsonObject().getJsonObject("responses");
            assertThat(responses).as("%s %s", verb, path).containsKey("500");
            boolean open = path.equals("/api/auth/token") || path.startsWith("/api/hooks/");
            assertThat(responses.containsKey("401")).as("%s %s needs a login", verb, path).isEqualTo(!open);
            assertThat(responses.getJsonObject("500").getJsonObject("content")).containsKey("application/problem+json");
        }));
        assertThat(documented).as("the document against the resource classes")
                .isEqualTo(Endpoints.all(RestApplication.class));
        var schemas = document.getJsonObject("components").getJsonObject("schemas");
        assertThat(schemas).containsKeys("Problem", "ScriptDraft", "ScriptView", "RunView", "ScriptVersionView");
        assertThat(schemas.getJsonObject("ScriptView").getJsonObject("properties"))
                .containsKeys("mainCode", "schedule", "policy", "currentVersion");
        var run = schemas.getJsonObject("RunView").getJsonObject("properties");
        assertThat(run.getJsonObject("input").getString("type")).isEqualTo("object");
        assertThat(run.getJsonObject("result")).as("any JSON value").doesNotContainKey("type");
        assertThat(schemas.getJsonObject("Figures").getJsonObject("properties").getJsonObject("cpuUserSeconds")
                .getString("type")).isEqualTo("number");
        var create = document.getJsonObject("paths").getJsonObject("/api/scripts").getJsonObject("post");
        assertThat(create.getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getString("$ref")).isEqualTo("#/components/schemas/ScriptDraft");
        assertThat(create.getJsonObject("responses")).containsKeys("201", "400", "401", "403", "409");
    }

    @Test
    void everyEndpointAnswersEveryCallerAsItsRuleSays() throws Exception {
        setUpCallers();
        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder("\nendpoint                              ");
        for (Identity who : Identity.values()) {
            table.append(String.format(" %-9.9s", who.name().toLowerCase()));
        }
        for (var entry : RULES.entrySet()) {
            table.append(String.format("%n%-38s", entry.getKey()));
            for (Identity who : Identity.values()) {
                Call call = entry.getValue().call().apply(this, who);
                int status = send(callers.get(who), call).status();
                String expected = expected(entry.getValue().access(), who);
                boolean ok = expected.equals("2xx") ? status >= 200 && status < 300 : expected.equals(String.valueOf(status));
                table.append(String.format(" %-9s", status + (ok ? "" : "!")));
                if (!ok) {
                    wrong.add(entry.getKey() + " as " + who + ": expected " + expected + ", got " + status);
                }
            }
        }
        System.out.println(table);
        assertThat(wrong).isEmpty();
    }

    private static String expected(Access access, Identity who) {
        return switch (who) {
            case ANONYMOUS -> access == Access.PUBLIC ? "2xx" : "401";
            case REVOKED_API_KEY, EXPIRED_JWT, TAMPERED_JWT -> "401";
            case VIEWER -> access.compareTo(Access.VIEWER) <= 0 ? "2xx" : "403";
            case USER -> access.compareTo(Access.USER) <= 0 ? "2xx" : "403";
            case ADMIN -> "2xx";
        };
    }

    private void setUpCallers() throws Exception {
        Api anonymous = new Api(base.toURI());
        admin = anonymous.asAdmin();
        // an admin account of its own as the admin caller: the matrix sets up two-factor login for its callers,
        // and the bootstrap admin is every class's on this shared server
        for (Identity role : ACCOUNTS) {
            String name = "matrix-" + role.name().toLowerCase();
            admin.createUser(name, password(role), role.name().toLowerCase());
            callers.put(role, anonymous.login(name, password(role)));
        }
        admin.createUser("matrix-plain", "matrix-plain-pw", "viewer");
        callers.put(Identity.ANONYMOUS, anonymous);

        Api.Answer key = admin.post("api/api-keys", "{\"name\": \"revoked\"}");
        assertThat(admin.delete("api/api-keys/" + key.json().getString("id")).status()).isEqualTo(204);
        callers.put(Identity.REVOKED_API_KEY, anonymous.with("X-API-Key", key.json().getString("key")));

        Api.Answer shortLived = anonymous.post("api/auth/token", "{\"username\": \"admin\", \"password\": %s, \"lifetime\": \"PT1S\"}"
                .formatted(quote(Api.ADMIN_PASSWORD)));
        assertThat(shortLived.status()).isEqualTo(200);
        Api expired = anonymous.with("Authorization", "Bearer " + shortLived.json().getString("token"));
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> expired.get("api/auth/me").status() == 401);
        callers.put(Identity.EXPIRED_JWT, expired);

        callers.put(Identity.TAMPERED_JWT, anonymous.with("Authorization",
                "Bearer " + promoteToAdmin(anonymous.token("matrix-viewer", password(Identity.VIEWER)))));

        scriptId = admin.createScript(script("matrix-script"));
        runId = admin.run(scriptId, true);
        admin.awaitFinished(runId, Duration.ofSeconds(30));

        TestWheels.write(Path.of(System.getProperty("ses.test.wheels")), "sesit_matrix", "1.0");
        String withRequirements = admin.createScript(("{\"name\": \"matrix-environment\", \"mainCode\": %s,"
                + " \"requirements\": \"sesit-matrix==1.0\"}").formatted(quote(MAIN)));
        environmentId = admin.awaitFinished(admin.run(withRequirements, true), Duration.ofMinutes(2))
                .getString("environmentId");
    }

    /** For the admin, an environment no script needs any more (its build over); the others are refused first. */
    private String unusedEnvironment(Identity who) {
        if (who != Identity.ADMIN) {
            return environmentId;
        }
        String script = admin.createScript("{\"name\": %s, \"mainCode\": %s, \"requirements\": %s}".formatted(
                quote("unused-" + UUID.randomUUID()), quote(MAIN),
                quote("sesit-matrix==1.0; sys_platform != \"" + UUID.randomUUID() + "\"")));
        String environment = admin.awaitFinished(admin.run(script, true), Duration.ofMinutes(2)).getString("environmentId");
        assertThat(admin.patch("api/scripts/" + script, "{\"requirements\": null}").status()).isEqualTo(200);
        return environment;
    }

    /** The same token with its claims changed to the admin group, signature left as it was. */
    private static String promoteToAdmin(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = claims.replace("\"viewer\"", "\"admin\"");
        assertThat(forged).isNotEqualTo(claims);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    /** A trigger URL of a script of its own (its token shown this once), so no script has more than it may. */
    private JsonObject freshHook() {
        Api.Answer made = admin.post("api/scripts/" + freshScript() + "/hooks", "{\"name\": \"matrix\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json();
    }

    /** A tag with a limit, to remove. */
    private String freshTagLimit() {
        String tag = "doomed-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.put("api/tags/" + tag + "/limit", "{\"limit\": 1}").status()).isEqualTo(200);
        return tag;
    }

    private String hookPath(JsonObject hook) {
        return "api/scripts/" + hook.getString("scriptId") + "/hooks/" + hook.getString("id");
    }

    private String freshScript() {
        return admin.createScript(script("doomed-" + UUID.randomUUID()));
    }

    /** A script whose code changed once, so that rolling back to version 1 has something to do. */
    private String scriptWithTwoVersions() {
        String id = freshScript();
        admin.patch("api/scripts/" + id, "{\"mainCode\": %s}".formatted(quote(MAIN + "# two\n")));
        return id;
    }

    /** A variable to delete: global for a null script. */
    private String freshVariable(String scriptId) {
        String name = "DOOMED_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
        String path = scriptId == null ? "api/variables/" : "api/scripts/" + scriptId + "/variables/";
        Api.Answer set = admin.put(path + name, "{\"value\": \"doomed\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        return name;
    }

    /** Makes sure there is a global webhook (to read or delete); gives "" to append to the path. */
    private String freshGlobalWebhook() {
        assertThat(admin.put("api/webhook", "{\"url\": \"http://127.0.0.1:9/doomed\"}").status()).isEqualTo(200);
        return "";
    }

    /** Makes sure there are global e-mail alerts (to read or delete); gives "" to append to the path. */
    private String freshGlobalMailAlert() {
        assertThat(admin.put("api/email", "{\"to\": [\"ops@example.test\"], \"events\": [\"late\"]}").status())
                .isEqualTo(200);
        return "";
    }

    private String scriptWithMailAlert() {
        String id = freshScript();
        assertThat(admin.put("api/scripts/" + id + "/email", "{\"to\": [\"ops@example.test\"]}").status())
                .isEqualTo(200);
        return id;
    }

    private String scriptWithWebhook() {
        String id = freshScript();
        assertThat(admin.put("api/scripts/" + id + "/webhook", "{\"url\": \"http://127.0.0.1:9/doomed\"}").status())
                .isEqualTo(200);
        return id;
    }

    private String freshUser() {
        return admin.createUser("gone-" + UUID.randomUUID().toString().substring(0, 8), "throwaway-password", "viewer");
    }

    /** A running run for callers who may stop it; any run for the others, who are refused first. */
    private String runToStop(Identity who) {
        if (who != Identity.USER && who != Identity.ADMIN) {
            return runId;
        }
        String sleeper = admin.createScript("{\"name\": %s, \"mainCode\": %s}"
                .formatted(quote("sleeper-" + UUID.randomUUID()), quote(Api.SLEEPER)));
        String run = admin.run(sleeper, true);
        admin.awaitSleeping(run, Duration.ofSeconds(30));
        return run;
    }

    /** A key the caller owns, if the caller may have keys; else the admin's. */
    private String keyToRevoke(Identity who) {
        Api owner = who == Identity.USER ? callers.get(Identity.USER) : admin;
        return owner.post("api/api-keys", "{\"name\": \"to revoke\"}").json().getString("id");
    }

    /** A key of the caller's own (an admin's for callers that are nobody), which any role may read. */
    private String keyOwnedBy(Identity who) {
        String owner = switch (who) {
            case VIEWER, USER -> "matrix-" + who.name().toLowerCase();
            default -> "admin";
        };
        return admin.post("api/api-keys", "{\"name\": \"to read\", \"owner\": %s}".formatted(quote(owner))).json()
                .getString("id");
    }

    private static String password(Identity who) {
        return "matrix-" + who.name().toLowerCase() + "-pw";
    }

    /** A current code of a new secret the caller set up (not confirmed yet); any code for callers refused first. */
    private String enrolled(Identity who) {
        return ACCOUNTS.contains(who) ? TwoFactorIT.totp(newSecret(who), 0) : "000000";
    }

    /**
     * A new secret of the caller, waiting for its confirmation; a caller with a second factor proves it first
     * (a recovery code known here, else a code of the secret set up last).
     */
    private String newSecret(Identity who) {
        Api caller = callers.get(who);
        boolean enabled = caller.get("api/account/two-factor").json().getBoolean("enabled");
        java.util.Deque<String> codes = recoveryCodes.get(who);
        String proof = !enabled ? null : codes != null && !codes.isEmpty() ? codes.pop()
                : TwoFactorIT.totp(secrets.get(who), 1);
        Api.Answer enrolment = caller.post("api/account/two-factor",
                proof == null ? "" : "{\"code\": %s}".formatted(quote(proof)));
        assertThat(enrolment.status()).as(enrolment.body()).isEqualTo(200);
        secrets.put(who, enrolment.json().getString("secret"));
        return secrets.get(who);
    }

    /** An unused recovery code of the caller, its second factor set up first where it has none known here. */
    private String recoveryCode(Identity who) {
        if (!ACCOUNTS.contains(who)) {
            return "aaaa-aaaa-aaaa-aaaa";
        }
        java.util.Deque<String> codes = recoveryCodes.get(who);
        if (codes == null || codes.isEmpty()
                || !callers.get(who).get("api/account/two-factor").json().getBoolean("enabled")) {
            Api.Answer confirmed = callers.get(who).post("api/account/two-factor/confirm",
                    "{\"code\": %s}".formatted(quote(enrolled(who))));
            assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
            codes = new java.util.ArrayDeque<>(confirmed.json().getJsonArray("codes")
                    .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
            recoveryCodes.put(who, codes);
        }
        return codes.pop();
    }

    /** An account with a second factor, for the admin to reset. */
    private String userWithTwoFactor() {
        String name = "reset-" + UUID.randomUUID().toString().substring(0, 8);
        String id = admin.createUser(name, "throwaway-password", "viewer");
        Api user = new Api(admin.base()).login(name, "throwaway-password");
        String secret = user.post("api/account/two-factor", "").json().getString("secret");
        assertThat(user.post("api/account/two-factor/confirm", "{\"code\": %s}"
                .formatted(quote(TwoFactorIT.totp(secret, 0)))).status()).isEqualTo(200);
        return id;
    }

    private static Call get(String path) {
        return new Call("GET", path, null);
    }

    private static String script(String name) {
        return "{\"name\": %s, \"mainCode\": %s}".formatted(quote(name), quote(MAIN));
    }

    private static String user(String name) {
        return "{\"username\": %s, \"password\": \"a-good-password\", \"role\": \"viewer\"}".formatted(quote(name));
    }

    private static Api.Answer send(Api api, Call call) {
        return switch (call.method()) {
            case "GET" -> api.get(call.path());
            case "POST" -> api.post(call.path(), call.body());
            case "PUT" -> api.put(call.path(), call.body());
            case "PATCH" -> api.patch(call.path(), call.body());
            case "DELETE" -> api.delete(call.path());
            default -> throw new IllegalArgumentException(call.method());
        };
    }
}
