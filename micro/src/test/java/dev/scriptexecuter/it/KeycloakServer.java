package dev.scriptexecuter.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak (the distribution from Maven Central) in dev mode, in a child process: unzipped afresh into
 * the test's directory (dev mode keeps its database there, and an import skips a realm that exists), the realms
 * the test writes imported at its start, on 127.0.0.1 and addressed as {@code localhost} by everybody (its issuer
 * follows the host a request names). Its health endpoints stay off; it is ready when a realm's discovery
 * document answers.
 */
final class KeycloakServer implements AutoCloseable {

    static final String ADMIN = "kc-admin";
    static final String ADMIN_PASSWORD = "kc-admin-password";
    private static final Duration READY_WITHIN = Duration.ofMinutes(4);

    private final Path home;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    KeycloakServer(Path directory) throws IOException {
        Path zip = Path.of(System.getProperty("ses.test.keycloakZip"));
        this.home = unzip(zip, directory);
        this.log = directory.resolve("keycloak.log");
        this.port = MicroServer.freePort();
        Files.createDirectories(home.resolve("data/import"));
    }

    /** A realm to import at the start (Keycloak's realm representation). */
    KeycloakServer realm(String name, String json) throws IOException {
        Files.writeString(home.resolve("data/import/" + name + "-realm.json"), json);
        return this;
    }

    /** Starts Keycloak; {@link #awaitReady} waits for it, so the server under test can start meanwhile. */
    KeycloakServer start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1", "--import-realm")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        process = builder.start();
        return this;
    }

    void awaitReady(String realm) throws Exception {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        URI discovery = URI.create(issuer(realm) + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited (" + process.exitValue() + "):\n" + tail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak was not ready within " + READY_WITHIN + ":\n" + tail());
    }

    String issuer(String realm) {
        return "http://localhost:" + port + "/realms/" + realm;
    }

    /** An access token for a user of a realm (the password grant, for the API tests). */
    JsonObject tokens(String realm, String client, String secret, String username, String password) throws Exception {
        return post(issuer(realm) + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", client, "client_secret", secret, "username", username, "password", password,
                "scope", "openid"), null);
    }

    /** Puts a user of the realm into {@code to} instead of {@code from} (groups by name), as an admin would. */
    void moveUser(String realm, String username, String from, String to) throws Exception {
        String admin = post("http://localhost:" + port + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", ADMIN,
                        "password", ADMIN_PASSWORD), null).getString("access_token");
        String api = "http://localhost:" + port + "/admin/realms/" + realm;
        String user = array(get(api + "/users?exact=true&username=" + encode(username), admin)).getJsonObject(0)
                .getString("id");
        JsonArray groups = array(get(api + "/groups", admin));
        String fromId = groupId(groups, from);
        String toId = groupId(groups, to);
        send(HttpRequest.newBuilder(URI.create(api + "/users/" + user + "/groups/" + toId))
                .PUT(HttpRequest.BodyPublishers.noBody()), admin);
        send(HttpRequest.newBuilder(URI.create(api + "/users/" + user + "/groups/" + fromId)).DELETE(), admin);
    }

    private static String groupId(JsonArray groups, String name) {
        return groups.getValuesAs(JsonObject.class).stream().filter(group -> name.equals(group.getString("name")))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no group " + name)).getString("id");
    }

    private JsonObject post(String url, Map<String, String> form, String bearer) throws Exception {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String answer = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), bearer);
        return Json.createReader(new StringReader(answer)).readObject();
    }

    private String get(String url, String bearer) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), bearer);
    }

    private String send(HttpRequest.Builder request, String bearer) throws Exception {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Keycloak answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static JsonArray array(String json) {
        return Json.createReader(new StringReader(json)).readArray();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    /** Unzips the distribution; returns its top folder. */
    private static Path unzip(Path zip, Path into) throws IOException {
        Path top = null;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("Entry outside the folder: " + entry.getName());
                }
                if (top == null) {
                    top = into.resolve(into.relativize(target).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unzip " + zip, e);
        }
        return top;
    }
}
