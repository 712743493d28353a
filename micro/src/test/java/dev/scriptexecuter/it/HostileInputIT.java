package dev.scriptexecuter.it;

import dev.scriptexecuter.it.HostileCases.Body;
import dev.scriptexecuter.it.HostileCases.Case;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against every endpoint family, as an attacker or a careless
 * client would send it: each case must be refused with its status, as
 * problem+json naming the field where there is one, without naming the server
 * or a Java class anywhere in the answer, and with nothing written (the state
 * every endpoint can change is read before and after each case).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT extends MicroIT {

    /** What no answer may contain: the server product, its parts, a Java class or a stack frame. */
    static final Pattern LEAK = Pattern.compile("(?i)payara|glassfish|grizzly|wildfly|undertow|jersey|resteasy"
            + "|eclipselink|yasson|parsson|hibernate|\\bjava\\.|\\bjakarta\\.|exception\\b|\\.java:\\d+|\\bat [a-z]+\\.[a-z]+\\.");

    private static final String MAIN = "def main(data):\n    pass\n";
    private static final String PASSWORD = "hostile-password-1";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Api admin;
    private String token;
    private String viewerToken;
    private String scriptId;
    private String userId;

    /** Once per class (the per-test instances share what it makes through the server). */
    @BeforeEach
    void setUp() {
        if (admin != null) {
            return;
        }
        admin = asAdmin();
        token = admin.token("admin", Api.ADMIN_PASSWORD);
        scriptId = admin.createScript(script("hostile-target", "def main(data):\n    return 1\n"));
        assertThat(admin.put("api/scripts/" + scriptId, script("hostile-target", MAIN)).status()).isEqualTo(200);
        userId = admin.createUser("hostile-user", PASSWORD, "viewer");
        viewerToken = admin.token("hostile-user", PASSWORD);
        assertThat(admin.put("api/webhook", "{\"url\": \"http://192.0.2.1/hook\", \"events\": [\"failure\"]}")
                .status()).isEqualTo(200);
    }

    /**
     * Removes the global webhook setUp set, which would otherwise be sent the failures of the classes
     * after this one on the server they share.
     */
    @AfterAll
    void removeTheGlobalWebhook() {
        if (admin != null) {
            assertThat(asAdmin().delete("api/webhook").status()).isEqualTo(204);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBodyRefusesHostileInput() {
        return bodies().stream().flatMap(body -> HostileCases.of(body).stream())
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> refused(c, c.path().equals("api/auth/password")
                        ? viewerToken : token)));
    }

    @TestFactory
    Stream<DynamicTest> everyQueryParameterAndRawPathRefusesHostileInput() {
        return Stream.concat(queries().stream(), rawPaths().stream())
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> refused(c, token)));
    }

    @Test
    void thereAreAtLeastThreeHundredCasesAndNothingChangedThePassword() {
        long cases = bodies().stream().mapToLong(body -> HostileCases.of(body).size()).sum()
                + queries().size() + rawPaths().size();
        assertThat(cases).isGreaterThanOrEqualTo(300);
        assertThat(admin.token("hostile-user", PASSWORD)).isNotBlank();
    }

    private void refused(Case c, String bearer) {
        String before = state();
        HttpResponse<String> answer = send(c, bearer);
        assertThat(answer.statusCode()).as(c.name() + " answered " + answer.body()).isIn(c.statuses());
        String headers = answer.headers().map().toString();
        assertThat(LEAK.matcher(answer.body()).find()).as("%s names the server or a class: %s", c.name(), answer.body())
                .isFalse();
        assertThat(LEAK.matcher(headers).find()).as("%s names the server in a header: %s", c.name(), headers).isFalse();
        if (c.problemJson()) {
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(c.name())
                    .startsWith("application/problem+json");
            JsonObject problem = HostileCases.parse(answer.body());
            assertThat(problem.getInt("status")).isEqualTo(answer.statusCode());
            assertThat(problem.getString("detail")).isNotBlank();
            if (c.field() != null) {
                String field = problem.getString("field", null);
                assertThat(field).as(c.name() + ": " + answer.body()).isNotNull();
                assertThat(c.field().equals(field) || c.field().startsWith(field + "[")).as(c.name()
                        + " names " + field + " instead of " + c.field()).isTrue();
            }
        }
        assertThat(state()).as(c.name() + " changed something").isEqualTo(before);
    }

    private HttpResponse<String> send(Case c, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri() + c.path()))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + bearer)
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything the cases' endpoints could change. */
    private String state() {
        return String.join("\n", admin.get("api/scripts?limit=1").json().get("total").toString(),
                admin.get("api/scripts/" + scriptId).body(), admin.get("api/users").body(),
                admin.get("api/api-keys").body(), admin.get("api/variables").body(),
                admin.get("api/scripts/" + scriptId + "/variables").body(),
                admin.get("api/scripts/" + scriptId + "/runs").json().get("total").toString(),
                admin.get("api/webhook").body(), admin.get("api/scripts/" + scriptId + "/webhook").body());
    }

    private List<Body> bodies() {
        String s = "api/scripts/" + scriptId;
        String scriptJson = """
                {"name": "hostile-new", "description": "d", "active": true, "mainCode": %s,
                 "triggerCode": "def trigger(data):\\n    return True\\n", "requirements": "",
                 "schedule": {"kind": "interval", "every": "PT1H", "startAt": "2030-01-01T00:00:00Z"},
                 "data": {"n": 1}, "policy": {"timeout": "PT1M", "allowNetwork": false, "overlap": "skip",
                 "misfire": "fire-once", "retries": 0, "keepRuns": 10}, "versionMessage": "m"}""".formatted(quote(MAIN));
        List<String> scriptTexts = List.of("name", "description", "mainCode", "triggerCode", "requirements",
                "schedule.kind", "schedule.every", "schedule.startAt", "policy.timeout", "policy.overlap",
                "policy.misfire", "versionMessage");
        String replaced = scriptJson.replace("hostile-new", "hostile-target").replace("\"d\"", "\"replaced\"");
        String document = "{\"format\": \"script-executer-export\", \"formatVersion\": 1, \"scripts\": ["
                + script("hostile-imported", MAIN) + "]}";
        String webhook = "{\"url\": \"http://192.0.2.7/other\", \"events\": [\"timeout\"], \"secret\": %s}"
                .formatted(quote("0123456789abcdef-secret"));
        return List.of(
                new Body("POST", "api/scripts", scriptJson, scriptTexts, List.of("active", "policy.allowNetwork"),
                        List.of("policy.retries", "policy.keepRuns"), 2_000_000, true),
                new Body("PUT", s, replaced, List.of("name", "description", "mainCode", "schedule.every",
                        "policy.overlap"), List.of("active"), List.of("policy.retries"), 2_000_000, true),
                new Body("PATCH", s, "{\"description\": \"patched\", \"active\": false, \"schedule\": {\"kind\":"
                        + " \"interval\", \"every\": \"PT2H\"}, \"policy\": {\"retries\": 1}}",
                        List.of("description", "schedule.every"), List.of("active"), List.of("policy.retries"),
                        100_000, true),
                new Body("POST", s + "/runs", "{\"force\": true}", List.of(), List.of("force"), List.of(), 0, false),
                new Body("POST", s + "/versions/1/rollback", "{\"message\": \"back\"}", List.of("message"), List.of(),
                        List.of(), 100_000, false),
                new Body("POST", "api/users", "{\"username\": \"hostile-new-user\", \"password\": %s, \"role\": \"user\","
                        .formatted(quote(PASSWORD)) + " \"enabled\": true}", List.of("username", "password", "role"),
                        List.of("enabled"), List.of(), 100_000, true),
                new Body("PUT", "api/users/" + userId, "{\"role\": \"user\", \"enabled\": false}", List.of("role"),
                        List.of("enabled"), List.of(), 100_000, true),
                new Body("POST", "api/api-keys", "{\"name\": \"hostile-key\", \"expiresAt\": \"2030-01-01T00:00:00Z\"}",
                        List.of("name", "expiresAt"), List.of(), List.of(), 100_000, true),
                new Body("POST", "api/auth/token", "{\"username\": \"hostile-nobody\", \"password\": \"wrong-password-1\","
                        + " \"lifetime\": \"PT5M\"}", List.of("username", "password", "lifetime"), List.of(), List.of(),
                        100_000, true),
                new Body("POST", "api/auth/password", "{\"currentPassword\": %s, \"newPassword\": \"hostile-changed-2\"}"
                        .formatted(quote(PASSWORD)), List.of("currentPassword", "newPassword"), List.of(), List.of(),
                        100_000, true),
                new Body("PUT", "api/variables/HOSTILE_GLOBAL", "{\"value\": \"v\", \"secret\": false}", List.of("value"),
                        List.of("secret"), List.of(), 100_000, true),
                new Body("PUT", s + "/variables/HOSTILE_OWN", "{\"value\": \"v\", \"secret\": false}", List.of("value"),
                        List.of("secret"), List.of(), 100_000, true),
                new Body("PUT", "api/webhook", webhook, List.of("url", "events[0]", "secret"), List.of(), List.of(),
                        100_000, true),
                new Body("PUT", s + "/webhook", webhook, List.of("url", "events[0]", "secret"), List.of(), List.of(),
                        100_000, true),
                new Body("POST", "api/import?dryRun=false", document, List.of("format", "scripts[0].name",
                        "scripts[0].mainCode"), List.of("scripts[0].active"), List.of("formatVersion"), 0, true));
    }

    private List<Case> queries() {
        String s = "api/scripts/" + scriptId;
        List<Case> cases = new ArrayList<>();
        Map<String, List<String>> bad = Map.of(
                "api/scripts?offset=", List.of("-1", "abc", "1.5", "99999999999", "%201"),
                "api/scripts?limit=", List.of("0", "abc", "-5", "100000000"),
                s + "/runs?since=", List.of("yesterday", "%2B999999-01-01T00:00:00Z", "2026-13-01T00:00:00Z"),
                s + "/runs?outcome=", List.of("NOPE"),
                "api/audit?until=", List.of("tomorrow", "%2B999999-01-01T00:00:00Z"),
                "api/export?data=", List.of("1", "yes", "TRUE", "true%20", ""),
                s + "/versions/1/diff?against=", List.of("abc", "-1"));
        bad.forEach((prefix, values) -> values.forEach(value -> cases.add(Case.bare("GET " + prefix + value, "GET",
                prefix + value, Set.of(400, 404)))));
        for (String flag : List.of("1", "yes", "TRUE", "true%20", "on", "")) {
            cases.add(Case.json("POST api/import?dryRun=" + flag, "POST", "api/import?dryRun=" + flag,
                    "{\"format\": \"script-executer-export\", \"formatVersion\": 1, \"scripts\": ["
                            + script("hostile-dry", MAIN) + "]}", Set.of(400), "dryRun"));
        }
        cases.add(Case.json("POST api/import?conflicts=nope", "POST", "api/import?conflicts=nope",
                "{\"format\": \"script-executer-export\", \"formatVersion\": 1, \"scripts\": ["
                        + script("hostile-dry", MAIN) + "]}", Set.of(400), "conflicts"));
        for (String wait : List.of("forever", "-1s", "PT99999H")) {
            cases.add(Case.json("POST runs?wait=" + wait, "POST", s + "/runs?wait=" + wait, "", Set.of(400), "wait"));
        }
        return cases;
    }

    private List<Case> rawPaths() {
        List<Case> cases = new ArrayList<>();
        for (String path : List.of("api/scripts", "api/runs/x", "health", "metrics", "openapi", "api/nope")) {
            cases.add(Case.bare("TRACE " + path, "TRACE", path, Set.of(405)));
            cases.add(Case.bare("FOO " + path, "FOO", path, Set.of(405)));
        }
        cases.add(Case.bare("POST openapi", "POST", "openapi", Set.of(405)));
        cases.add(Case.bare("DELETE metrics", "DELETE", "metrics", Set.of(405)));
        cases.add(Case.bare("PUT health/ready", "PUT", "health/ready", Set.of(405)));
        cases.add(Case.bare("PUT api/scripts", "PUT", "api/scripts", Set.of(405)));
        cases.add(Case.bare("DELETE api/users", "DELETE", "api/users", Set.of(405)));
        for (String path : List.of("api/nope", "api/", "health/nope", "api/runs/..%2F..%2Fetc%2Fpasswd",
                "api/scripts/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "api/runs/%20", "api/scripts/" + "x".repeat(3000), "api/environments/%22%27", "api/scripts/nope/runs")) {
            cases.add(Case.bare("GET " + path.substring(0, Math.min(path.length(), 60)), "GET", path, Set.of(404)));
        }
        for (String path : List.of("api/runs/a%00b", "api/runs/a%5Cb", "api/scripts/%00")) {
            // refused by the HTTP layer before the application: no problem+json there, but nothing named either
            cases.add(new Case("GET " + path, "GET", path, null, null, Set.of(400), null, false));
        }
        return cases;
    }

    private static String script(String name, String main) {
        return "{\"name\": %s, \"mainCode\": %s}".formatted(quote(name), quote(main));
    }
}
