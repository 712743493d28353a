package dev.scriptexecuter.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Micro WAR on Payara Micro in a child process, with its own root
 * directory and port, so a test can kill it (SIGKILL) and start it again on
 * the same data. Started from Payara Micro's jar, or {@link #throughStartScript
 * through the start script} as the README's run command and the image start it.
 */
public final class MicroServer implements AutoCloseable {

    private final Path rootDir;
    private final Path logFile;
    private final int port;
    private final List<String> settings;
    private String databaseUrl;
    private boolean startScript;
    private boolean aheadOfTimeCache;
    private Process process;

    /** @param settings system properties for the server, such as {@code -Dses.sandbox=off} */
    public MicroServer(Path home, String... settings) {
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.rootDir = home.resolve("payara");
        this.logFile = home.resolve("server.log");
        this.port = freePort();
        this.settings = List.of(settings);
    }

    /**
     * Runs this server on a MariaDB or PostgreSQL database instead of embedded
     * H2 (the post-boot file and driver of the README), so several servers can
     * share it as a cluster's nodes do.
     */
    public MicroServer onDatabase(String jdbcUrl) {
        this.databaseUrl = jdbcUrl;
        return this;
    }

    /**
     * Starts this server through {@code config/payara/start-micro.sh}, as the
     * README's run command and the image do: Payara Micro unpacked into the
     * root directory once, and (with {@code aheadOfTimeCache}) the JVM's
     * ahead-of-time cache recorded there, or loaded once it was written.
     */
    public MicroServer throughStartScript(boolean aheadOfTimeCache) {
        this.startScript = true;
        this.aheadOfTimeCache = aheadOfTimeCache;
        return this;
    }

    public Path rootDir() {
        return rootDir;
    }

    /** The embedded H2 database file of this server. */
    public Path databaseFile() {
        return rootDir.resolve("lib/databases/embedded_default.mv.db");
    }

    public Path logFile() {
        return logFile;
    }

    public URI uri() {
        return URI.create("http://localhost:" + port + "/");
    }

    /**
     * Starts the server and waits until it answers. Payara Micro 7 sometimes
     * deadlocks while it boots (two HK2 start-up threads wait on each other's
     * lock, right after Hazelcast's set-up; seen in a thread dump): a start
     * whose log stops growing for {@link #STALL} is killed and tried once more.
     * A server that does not come up is killed, not left running.
     */
    public MicroServer start() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            launch();
            Readiness readiness = awaitReady(new Api(uri()));
            if (readiness == Readiness.READY) {
                return this;
            }
            String tail = tail(60);
            kill();
            if (readiness != Readiness.STALLED || attempt == 2) {
                throw new IllegalStateException("Payara Micro did not become ready (" + readiness
                        + "); the end of its log:\n" + tail);
            }
            System.err.println("Payara Micro stalled while starting (no log output for " + STALL
                    + "); starting it again. The end of its log:\n" + tail);
        }
    }

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final Duration STALL = Duration.ofSeconds(90);

    private enum Readiness { READY, STALLED, EXITED, TOO_SLOW }

    private void launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // cheaper password hashes: the suite logs in hundreds of times; what a hash costs is no test's subject
        List<String> jvmOptions = new ArrayList<>(List.of("-Dses.password.iterations=10000"));
        jvmOptions.addAll(settings);
        Path config = Path.of(System.getProperty("ses.postBootCommands")).getParent();
        List<String> command = new ArrayList<>();
        if (startScript) {
            command.addAll(List.of("sh", config.resolve("start-micro.sh").toString(),
                    System.getProperty("payara.microJar"), rootDir.toString()));
        } else {
            forgetPreviousDeployment();
            command.add(java);
            command.add("-Dses.admin.password=" + Api.ADMIN_PASSWORD);
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", System.getProperty("payara.microJar"), "--rootDir", rootDir.toString()));
        }
        command.addAll(List.of("--deploy", System.getProperty("ses.war"), "--contextroot", "/",
                "--port", String.valueOf(port), "--nohazelcast"));
        command.addAll(List.of("--prebootcommandfile", config.resolve("pre-boot-commands.asadmin").toString()));
        if (databaseUrl == null) {
            command.addAll(List.of("--postbootcommandfile", config.resolve("post-boot-commands.asadmin").toString()));
        } else {
            TestDatabase.Kind kind = TestDatabase.Kind.of(databaseUrl);
            command.addAll(List.of("--postbootcommandfile", config.resolve(kind.postBootFile()).toString(),
                    "--addLibs", kind.driverJar().toString()));
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            if (startScript) {
                // the password as the README says to pass it: the JVM echoes its options when it writes its cache
                builder.environment().put("SES_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
                builder.environment().put("JAVA", java);
                builder.environment().put("JAVA_OPTS", String.join(" ", jvmOptions));
                builder.environment().put("SES_AOT", aheadOfTimeCache ? "on" : "off");
            }
            if (databaseUrl != null) {
                builder.environment().put("DB_URL", databaseUrl);
                builder.environment().put("DB_NAME", databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1));
                builder.environment().put("DB_USER", TestDatabase.user());
                builder.environment().put("DB_PASSWORD", TestDatabase.password());
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Readiness awaitReady(Api api) throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        long logSize = -1;
        Instant lastOutput = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return Readiness.EXITED;
            }
            try {
                Api.Answer answer = api.get("api/auth/me");
                if (answer.status() == 401 && answer.contentType().startsWith("application/problem+json")) {
                    return Readiness.READY;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            long size = logFile.toFile().length();
            if (size != logSize) {
                logSize = size;
                lastOutput = Instant.now();
            } else if (Duration.between(lastOutput, Instant.now()).compareTo(STALL) > 0) {
                return Readiness.STALLED;
            }
            Thread.sleep(500);
        }
        return Readiness.TOO_SLOW;
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + logFile + " cannot be read: " + e.getMessage() + ")";
        }
    }

    /** The server's process, to tell that it kept running (or was started again). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Asks the server to stop (SIGTERM), as {@code docker stop} does, without waiting. */
    public void terminate() {
        process.destroy();
    }

    /** Stops the server as {@code docker stop} or Ctrl+C do, and waits until it has; its exit status. */
    public int stop(Duration within) throws InterruptedException {
        terminate();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The server did not stop within " + within);
        }
        return process.exitValue();
    }

    /** Everything the server has printed so far. */
    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the server the hard way, as a crash or {@code kill -9} would; {@link #start} brings it back on the same port. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /** Payara Micro would boot the application remembered in its root directory before the new one. */
    private void forgetPreviousDeployment() {
        for (String dir : new String[] {"config", "applications", "generated"}) {
            Path path = rootDir.resolve(dir);
            if (Files.exists(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** A port free on this machine now (for a server, or a container's published port). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
