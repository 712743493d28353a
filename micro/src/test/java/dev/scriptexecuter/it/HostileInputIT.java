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
    /** The state as the last case that passed left it, or null (read it again). */
    private String stateAfterTheLastCase;

    /** What the cases need, made once per class (the instance is the class's); the state read afresh by each test. */
    @BeforeEach
    void setUp() {
        stateAfterTheLastCase = null; // a token made between factories changes the accounts' last login
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

    /**
     * Every endpoint the application has, read from its resource classes (so a new one is covered the day it
     * is added): a query parameter it does not take, and, for one that reads or deletes by id, an id that
     * does not exist.
     */
    @TestFactory
    Stream<DynamicTest> everyEndpointRefusesWhatItDoesNotTake() {
        return everyEndpoint().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> refused(c, token)));
    }

    @Test
    void thereAreAtLeastThreeHundredCasesAndNothingChangedThePassword() {
        long cases = bodies().stream().mapToLong(body -> HostileCases.of(body).size()).sum()
                + queries().size() + rawPaths().size() + everyEndpoint().size();
        assertThat(cases).isGreaterThanOrEqualTo(300);
        assertThat(admin.token("hostile-user", PASSWORD)).isNotBlank();
    }

    private void refused(Case c, String bearer) {
        // what the case before left (nothing else happens in between): half the reading of the state per case
        String before = stateAfterTheLastCase != null ? stateAfterTheLastCase : state();
        stateAfterTheLastCase = null;
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
        String after = state();
        assertThat(after).as(c.name() + " changed something").isEqualTo(before);
        stateAfterTheLastCase = after;
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
                admin.get("api/webhook").body(), admin.get("api/scripts/" + scriptId + "/webhook").body(),
                environments(), admin.get("api/scripts/" + scriptId + "/versions").body());
    }

    /** Which environments exist (a build another class started may end meanwhile: its state is not compared). */
    private String environments() {
        return HostileCases.parse("{\"list\": " + admin.get("api/environments").body() + "}").getJsonArray("list")
                .stream().map(environment -> environment.asJsonObject().getString("id")).sorted().toList().toString();
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
        String farCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "+999999-01-01T00:00:00Z 00000000-0000-0000-0000-000000000000".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Case> cases = new ArrayList<>();
        // path prefix, the parameter, its bad values
        List<List<String>> bad = List.of(
                List.of("api/scripts?", "offset", "-1", "abc", "1.5", "99999999999", "%201", "", "%2B5", "0x10"),
                List.of("api/scripts?", "limit", "0", "abc", "-5", "100000000", "501", ""),
                List.of(s + "/runs?", "since", "yesterday", "%2B999999-01-01T00:00:00Z", "2026-13-01T00:00:00Z", ""),
                List.of(s + "/runs?", "outcome", "NOPE", "succeeded%00"),
                List.of(s + "/runs?", "after", "abc", farCursor, "%C3%28"),
                List.of(s + "/runs?", "limit", "501", "0", "ten"),
                List.of(s + "/runs?", "offset", "-1", "1e3"),
                List.of("api/audit?", "until", "tomorrow", "%2B999999-01-01T00:00:00Z"),
                List.of("api/audit?", "since", "x", "1969-12-31T23:59:59Z"),
                List.of("api/audit?", "offset", "-1", "abc"),
                List.of("api/audit?", "limit", "0", "100000"),
                List.of("api/audit?", "action", "NOPE"),
                List.of("api/audit?", "actor", "a%00b", "%C3%28", "a%0Ab", "x".repeat(1001)),
                List.of("api/audit?", "target", "%7F", "t%0D%0A"),
                List.of("api/export?", "data", "1", "yes", "TRUE", "true%20", ""),
                List.of("api/export?", "script", "%00"),
                List.of(s + "/versions/1/diff?", "against", "abc", "-1", "%2B1", ""));
        for (List<String> row : bad) {
            for (String value : row.subList(2, row.size())) {
                String path = row.get(0) + row.get(1) + "=" + value;
                cases.add(new Case("GET " + path.substring(0, Math.min(path.length(), 90)), "GET", path, null, null,
                        Set.of(400), row.get(1), true));
            }
        }
        // unknown and repeated parameters: a typo is refused, not ignored
        cases.add(new Case("GET api/scripts?limt=5", "GET", "api/scripts?limt=5", null, null, Set.of(400), "limt", true));
        cases.add(new Case("GET runs?outcom=FAILED", "GET", s + "/runs?outcom=FAILED", null, null, Set.of(400),
                "outcom", true));
        cases.add(new Case("GET api/scripts?limit=1&limit=2", "GET", "api/scripts?limit=1&limit=2", null, null,
                Set.of(400), "limit", true));
        cases.add(new Case("GET api/users?role=admin", "GET", "api/users?role=admin", null, null, Set.of(400), "role",
                true));
        for (String flag : List.of("1", "yes", "TRUE", "true%20", "on", "")) {
            cases.add(Case.json("POST api/import?dryRun=" + flag, "POST", "api/import?dryRun=" + flag,
                    "{\"format\": \"script-executer-export\", \"formatVersion\": 1, \"scripts\": ["
                            + script("hostile-dry", MAIN) + "]}", Set.of(400), "dryRun"));
        }
        cases.add(Case.json("POST api/import?dry_run=true", "POST", "api/import?dry_run=true",
                "{\"format\": \"script-executer-export\", \"formatVersion\": 1, \"scripts\": ["
                        + script("hostile-dry", MAIN) + "]}", Set.of(400), "dry_run"));
        cases.add(Case.json("POST api/import?conflicts=nope", "POST", "api/import?conflicts=nope",
                "{\"format\": \"script-executer-export\", \"formatVersion\": 1, \"scripts\": ["
                        + script("hostile-dry", MAIN) + "]}", Set.of(400), "conflicts"));
        for (String wait : List.of("forever", "-1s", "PT99999H")) {
            cases.add(Case.json("POST runs?wait=" + wait, "POST", s + "/runs?wait=" + wait, "", Set.of(400), "wait"));
        }
        // the families whose endpoints take no body: stopping, logs, retention, environments, keys, versions
        for (String path : List.of("api/runs/nope-0/stop", "api/environments/nope-0/rebuild",
                s + "/versions/99999/rollback")) {
            cases.add(Case.bare("POST " + path, "POST", path, Set.of(404)));
        }
        for (String path : List.of("api/runs/nope-0/log", "api/runs/%3Cscript%3E/log", "api/environments/nope-0/log",
                s + "/versions/99999", s + "/versions/abc", s + "/versions/1/diff?against=99999", "api/api-keys/nope-0",
                "api/users/nope-0", "api/variables/NOPE_0", s + "/variables/NOPE_0")) {
            cases.add(Case.bare("GET " + path, "GET", path, Set.of(404)));
        }
        for (String path : List.of("api/api-keys/nope-0", "api/users/nope-0", "api/environments/nope-0",
                "api/variables/NOPE_0", "api/scripts/nope-0", "api/scripts/nope-0/webhook")) {
            cases.add(Case.bare("DELETE " + path, "DELETE", path, Set.of(404)));
        }
        return cases;
    }

    private static List<Case> everyEndpoint() {
        List<Case> cases = new ArrayList<>();
        for (String endpoint : Endpoints.all(dev.scriptexecuter.rest.RestApplication.class)) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf('/') + 1).replaceAll("\\{[^}]*}", "nope-0");
            cases.add(new Case(endpoint + "?zz=1", method, path + "?zz=1", method.equals("GET")
                    || method.equals("DELETE") ? null : "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "application/json", Set.of(400), "zz", true));
            if (!path.equals(endpoint.substring(endpoint.indexOf('/') + 1))
                    && (method.equals("GET") || method.equals("DELETE"))) {
                cases.add(Case.bare(endpoint + " (no such id)", method, path, Set.of(404)));
            }
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
