package dev.scriptexecuter.it;

import dev.scriptexecuter.execution.control.RunProcesses;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A small HTTP client for the REST API of a running server. */
public final class Api {

    /** The password the test servers give the first admin account. */
    public static final String ADMIN_PASSWORD = System.getProperty("ses.test.adminPassword");

    private final HttpClient client;
    private final URI base;
    private final Map<String, String> headers;
    private final java.net.InetAddress local;

    /** Anonymous: sends no credentials. */
    public Api(URI base) {
        this(base, Map.of(), null);
    }

    private Api(URI base, Map<String, String> headers, java.net.InetAddress local) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.headers = headers;
        this.local = local;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        this.client = (local == null ? builder : builder.localAddress(local)).build();
    }

    /**
     * The same caller, its requests sent from another loopback address (127.0.0.2, say): the server counts
     * failed logins per address too, and the classes sharing a server log in from 127.0.0.1.
     */
    public Api from(java.net.InetAddress address) {
        return new Api(base, headers, address);
    }

    /** The server's address. */
    public URI base() {
        return base;
    }

    /** The same server, sending this header (e.g. credentials) on every request. */
    public Api with(String header, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(header, value);
        return new Api(base, Map.copyOf(more), local);
    }

    /** Logs in with a password and sends the bearer token from then on. */
    public Api login(String username, String password) {
        return with("Authorization", "Bearer " + token(username, password));
    }

    /** The first admin account of a test server. */
    public Api asAdmin() {
        return login("admin", ADMIN_PASSWORD);
    }

    public String token(String username, String password) {
        Answer answer = new Api(base, Map.of(), local).post("api/auth/token", "{\"username\": %s, \"password\": %s}"
                .formatted(quote(username), quote(password)));
        if (answer.status() != 200) {
            throw new AssertionError("Logging in as " + username + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().getString("token");
    }

    /** Creates an account (as this caller, who must be admin) and returns its id. */
    public String createUser(String username, String password, String role) {
        Answer answer = post("api/users", "{\"username\": %s, \"password\": %s, \"role\": %s}"
                .formatted(quote(username), quote(password), quote(role)));
        if (answer.status() != 201) {
            throw new AssertionError("Creating a user answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().getString("id");
    }

    /** One answer: status, content type and body. */
    /** A client logged in as a new account with the given role. */
    public Api withNewUser(String role) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "password-" + UUID.randomUUID();
        createUser(name, password, role);
        return new Api(base).login(name, password);
    }

    public record Answer(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    /** Creates a script and returns its id. */
    public String createScript(String json) {
        Answer answer = post("api/scripts", json);
        if (answer.status() != 201) {
            throw new AssertionError("Creating a script answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().getString("id");
    }

    /** Forces (or requests) a run and returns its id. */
    public String run(String scriptId, boolean force) {
        Answer answer = post("api/scripts/" + scriptId + "/runs", "{\"force\": " + force + "}");
        if (answer.status() != 202) {
            throw new AssertionError("Starting a run answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().getString("id");
    }

    /** Waits until the run has finished and returns it. */
    public JsonObject awaitFinished(String runId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> "FINISHED".equals(get("api/runs/" + runId).json().getString("status")));
        JsonObject run = get("api/runs/" + runId).json();
        String mode = System.getProperty("ses.test.runMode");
        if (mode != null && !run.isNull("processMode")) {
            // the warm execution of the suite: every run that got a process got it from a warm worker
            assertThat(run.getString("processMode")).as("how the process of %s was made", run).isEqualTo(mode);
        }
        return run;
    }

    /** A script's runs, newest first (up to 500). */
    public List<JsonObject> runsOf(String scriptId) {
        return get("api/scripts/" + scriptId + "/runs?limit=500").json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject).toList();
    }

    /** A script that prints {@code sleeping} and then sleeps, for tests that end runs. */
    public static final String SLEEPER = "import time\ndef main(data):\n"
            + "    print(\"sleeping\", flush=True)\n    time.sleep(600)\n";

    /**
     * Waits until a {@link #SLEEPER} run sleeps and returns its processes on
     * this machine (found by their SES_RUN_ID, also inside the sandbox).
     */
    public List<ProcessHandle> awaitSleeping(String runId, Duration atMost) {
        await().atMost(atMost).until(() -> get("api/runs/" + runId + "/log").body().contains("sleeping")
                && !RunProcesses.of(runId).isEmpty());
        return RunProcesses.of(runId);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string literal for code and other text. */
    public static String quote(String text) {
        return Json.createValue(text).toString();
    }
}
