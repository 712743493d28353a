package dev.scriptexecuter.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The EAR on a WildFly of its own: a copy of the distribution the build
 * unpacked, configured by {@code config/wildfly/script-executer.cli} exactly as
 * the README says, on a MariaDB database, in a child process.
 */
public final class WildFlyServer implements AutoCloseable {

    /** Ports of standalone.xml's socket bindings, all moved by one offset. */
    private static final int[] PORTS = {8080, 8443, 9990, 9993, 8009, 4712, 4713};

    private final Path jbossHome;
    private final Path logFile;
    private final int offset;
    private Process process;

    public WildFlyServer(Path home) {
        this.jbossHome = home.resolve("wildfly");
        this.logFile = home.resolve("server.log");
        this.offset = freeOffset();
        run(List.of("cp", "-a", System.getProperty("ses.test.wildflyHome"), jbossHome.toString()), home, Map.of());
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + (8080 + offset) + "/");
    }

    /** WildFly's management interface, where MicroProfile Health answers. */
    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + (9990 + offset) + "/");
    }

    /** Configures the server with the CLI scripts of config/wildfly for the database, deploys the EAR and starts it on it. */
    public WildFlyServer start(String jdbcUrl) {
        return start(jdbcUrl, List.of());
    }

    /** The same, with system properties for the application, such as {@code -Dses.auth.local=false}. */
    public WildFlyServer start(String jdbcUrl, List<String> settings) {
        Path drivers = Path.of(System.getProperty("ses.test.jdbcDrivers"));
        Path script = Path.of(System.getProperty("ses.wildflyCli"));
        Path datasource = script.resolveSibling("datasource-" + TestDatabase.Kind.of(jdbcUrl).id() + ".cli");
        for (Path file : List.of(datasource, script)) {
            String output = run(List.of("bash", jbossHome.resolve("bin/jboss-cli.sh").toString(), "--file=" + file),
                    drivers, Map.of());
            if (output.contains("\"outcome\" => \"failed\"")) {
                throw new IllegalStateException("The WildFly CLI script " + file.getFileName() + " failed:\n" + output);
            }
        }
        try {
            Files.copy(Path.of(System.getProperty("ses.ear")), jbossHome.resolve("standalone/deployments/script-executer.ear"));
            List<String> command = new java.util.ArrayList<>(List.of("bash",
                    jbossHome.resolve("bin/standalone.sh").toString(),
                    "-Djboss.socket.binding.port-offset=" + offset,
                    "-Dses.admin.password=" + Api.ADMIN_PASSWORD,
                    "-Dses.node.name=wildfly"));
            command.addAll(settings);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(Map.of(
                    "JAVA_HOME", System.getProperty("java.home"),
                    "DB_URL", jdbcUrl,
                    "DB_USER", TestDatabase.user(),
                    "DB_PASSWORD", TestDatabase.password()));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Api api = new Api(uri());
        try {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("WildFly exited");
                }
                Api.Answer answer = api.get("api/auth/me");
                return answer.status() == 401 && answer.contentType().startsWith("application/problem+json");
            });
        } catch (org.awaitility.core.ConditionTimeoutException | IllegalStateException e) {
            throw new IllegalStateException("The EAR did not come up on WildFly; the end of its log:\n" + tail(80), e);
        }
        return this;
    }

    /** The server's log (standalone.sh's console), for assertions and failure messages. */
    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            // standalone.sh starts the JVM as its child: end that too.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static String run(List<String> command, Path directory, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().putAll(environment);
            Process child = builder.start();
            String output = new String(child.getInputStream().readAllBytes());
            if (!child.waitFor(3, TimeUnit.MINUTES) || child.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port offset under which all of WildFly's ports are free now. */
    private static int freeOffset() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(20_000, 50_000);
            boolean free = true;
            for (int port : PORTS) {
                try (ServerSocket socket = new ServerSocket(port + offset)) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return offset;
            }
        }
        throw new IllegalStateException("No port offset with all of WildFly's ports free");
    }
}
