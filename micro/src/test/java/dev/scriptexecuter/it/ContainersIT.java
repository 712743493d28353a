package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The container images and the Compose stack, built and started for real with podman: both images from the
 * repository's Dockerfiles (only their {@code BASE} differs: a local stand-in, since no image registry is
 * reachable here), the Micro image on H2 with a named volume, the WildFly image on a MariaDB container, and
 * {@code compose.yaml} (MariaDB, two nodes, Caddy) through podman-compose. The stand-ins are made from
 * Debian's packages by {@code src/test/containers/bases.sh} and kept between runs. Skipped, saying why, only
 * where podman cannot run containers at all. The two single images are smoked side by side (they share
 * nothing; on two cores that took 114 s against 107 + 71 s one after the other); Compose, with two nodes of its
 * own, runs alone.
 */
class ContainersIT extends BrowserTest {

    /** Held shared by the tests of one image, and alone by Compose's. */
    private static final String MACHINE = "ContainersIT.machine";

    private static final Path REPOSITORY = Path.of(System.getProperty("ses.repository"));
    private static final Path STAND_INS = REPOSITORY.resolve("micro/src/test/containers");
    private static final Path WORK = REPOSITORY.resolve("micro/target/containers");
    private static final String BASE = "localhost/ses-test/temurin:25";
    private static final String MICRO_IMAGE = "localhost/ses-cit/micro";
    private static final String WILDFLY_IMAGE = "localhost/ses-cit/wildfly";
    private static final String PROJECT = "ses-cit";
    /** On the images this class builds, so that the ones its later builds replace can be removed, and only those. */
    private static final String LABEL = "ses.test=containers-it";
    private static final String NETWORK = "ses-cit-net";
    private static final Duration START = Duration.ofMinutes(4);
    /** The containers and volumes this class makes (all named ses-cit…), removed before and after. */
    private static final List<String> CONTAINERS = List.of("ses-cit-micro", "ses-cit-wildfly", "ses-cit-mariadb");
    private static final List<String> VOLUMES = List.of("ses-cit-micro-data", "ses-cit-wildfly-data", "ses-cit-mariadb-data");

    private static Path containersConf;

    @BeforeAll
    static void buildTheImages() throws Exception {
        String reason = whyContainersCannotRun();
        if (reason != null) {
            System.out.println("ContainersIT skipped: " + reason);
            Assumptions.abort(reason);
        }
        forgetLeftovers();
        run(Duration.ofMinutes(10), STAND_INS.resolve("bases.sh").toString(), WORK.resolve("bases").toString(),
                System.getProperty("java.home"));
        // one after the other: side by side they took longer (75 and 97 s against 31 + 55 s; the disk is shared)
        build("docker/Dockerfile.micro", MICRO_IMAGE);
        build("docker/Dockerfile.wildfly", WILDFLY_IMAGE);
    }

    private static void build(String dockerfile, String image) {
        long started = System.nanoTime();
        // --format docker keeps the HEALTHCHECK (the OCI format has none); --network host: apt in RUN steps
        podman(Duration.ofMinutes(10), "build", "-q", "--format", "docker", "--network", "host",
                "--label", LABEL, "--build-arg", "BASE=" + BASE, "-f", dockerfile, "-t", image, REPOSITORY.toString());
        System.out.printf("ContainersIT: %s built in %d s, %s%n", image,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                podman(Duration.ofSeconds(30), "image", "inspect", "--format", "{{.Size}} bytes", image).strip());
    }

    @AfterAll
    static void removeWhatWasStarted() throws Exception {
        if (containersConf != null) {
            forgetLeftovers();
            // the layers of the images this run's builds replaced (untagged now), not to fill the disk run by run
            run(Duration.ofMinutes(2), Map.of(), true, "podman", "image", "prune", "-f", "--filter", "label=" + LABEL);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = MACHINE, mode = ResourceAccessMode.READ)
    void theMicroImageKeepsScriptsAndRunsOnItsVolumeAndDrainsOnStop() throws Exception {
        int port = MicroServer.freePort();
        try {
            podman(Duration.ofMinutes(1), "run", "-d", "--name", "ses-cit-micro", "-p", "127.0.0.1:" + port + ":8080",
                    "-v", "ses-cit-micro-data:/data", "--security-opt", "systempaths=unconfined",
                    "-e", "SES_ADMIN_PASSWORD=" + Api.ADMIN_PASSWORD, "-e", "SES_NODE_NAME=micro-1", MICRO_IMAGE);
            smoke("ses-cit-micro", URI.create("http://127.0.0.1:" + port + "/"), "micro-1");
        } finally {
            // (not left to load the machine for the next test)
            run(Duration.ofMinutes(1), Map.of(), true, "podman", "rm", "-f", "-t", "5", "ses-cit-micro");
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = MACHINE, mode = ResourceAccessMode.READ)
    void theWildFlyImageRunsOnAMariaDbContainerAndDrainsOnStop() throws Exception {
        podman(Duration.ofSeconds(30), "network", "create", NETWORK);
        int port = MicroServer.freePort();
        try {
            // the node first, its database after: the image waits for it (docker/wait-for-database.sh)
            podman(Duration.ofMinutes(1), "run", "-d", "--name", "ses-cit-wildfly", "--network", NETWORK,
                    "-p", "127.0.0.1:" + port + ":8080", "-v", "ses-cit-wildfly-data:/data",
                    "--security-opt", "systempaths=unconfined", "-e", "DB_URL=jdbc:mariadb://mariadb:3306/ses",
                    "-e", "DB_USER=ses", "-e", "DB_PASSWORD=database-password",
                    "-e", "SES_ADMIN_PASSWORD=" + Api.ADMIN_PASSWORD, "-e", "SES_NODE_NAME=wildfly-1", WILDFLY_IMAGE);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() ->
                    podman(Duration.ofSeconds(30), "logs", "ses-cit-wildfly").contains("Waiting for the database"));
            podman(Duration.ofMinutes(1), "run", "-d", "--name", "ses-cit-mariadb", "--network", NETWORK,
                    "--network-alias", "mariadb", "-v", "ses-cit-mariadb-data:/var/lib/mysql",
                    "-e", "MARIADB_DATABASE=ses", "-e", "MARIADB_USER=ses", "-e", "MARIADB_PASSWORD=database-password",
                    "localhost/ses-test/mariadb", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin");
            smoke("ses-cit-wildfly", URI.create("http://127.0.0.1:" + port + "/"), "wildfly-1");
            assertThat(podman(Duration.ofSeconds(30), "logs", "ses-cit-wildfly"))
                    .as("the node waited for its database rather than failing its deployment")
                    .doesNotContain("WFLYCTL0013");
        } finally {
            run(Duration.ofMinutes(1), Map.of(), true, "podman", "rm", "-f", "-t", "5", "ses-cit-wildfly", "ses-cit-mariadb");
        }
    }

    @Test
    @ResourceLock(value = MACHINE, mode = ResourceAccessMode.READ_WRITE)
    void composeRunsEachOccurrenceOnceOnTwoNodesBehindTheStickyProxy() throws Exception {
        int port = MicroServer.freePort();
        Map<String, String> environment = composeEnvironment(port);
        // the nodes' image is the one built above from docker/Dockerfile.micro (compose.yaml names it so)
        podman(Duration.ofSeconds(30), "tag", MICRO_IMAGE, "localhost/script-executer-micro");
        run(Duration.ofMinutes(10), environment, false, "podman-compose", "-p", PROJECT, "-f", "compose.yaml", "up", "-d");
        URI proxy = URI.create("http://localhost:" + port + "/");
        Api anonymous = new Api(proxy);
        await().atMost(START).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> anonymous.get("health/ready").status() == 200);
        for (String service : List.of("mariadb", "node-1", "node-2", "proxy")) {
            awaitHealthy(PROJECT + "_" + service + "_1");
        }

        // the dashboard through the proxy: the login holds on page after page (one node keeps the session)
        WebDriver browser = newBrowser();
        logIn(browser, proxy, "admin", Api.ADMIN_PASSWORD);
        for (String page : List.of("index.xhtml", "runs.xhtml", "index.xhtml", "runs.xhtml", "index.xhtml")) {
            browser.get(proxy.resolve(page).toString());
            assertThat(browser.findElements(By.cssSelector(".ses-who"))).as("still logged in on %s", page).isNotEmpty();
        }
        assertThat(browser.manage().getCookieNamed("ses_node")).as("the proxy's sticky cookie").isNotNull();
        awaitSocket(browser);
        closeBrowsers();

        Api api = anonymous.asAdmin();
        Instant t0 = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        String ticker = api.createScript(("{\"name\": \"compose-ticker\", \"mainCode\": %s,"
                + " \"schedule\": {\"kind\": \"interval\", \"every\": \"PT1S\", \"startAt\": \"%s\"}}")
                .formatted(quote("def main(data):\n    data['n'] = data.get('n', 0) + 1\n"), t0));
        sleepUntil(t0.plusSeconds(12));
        Instant stopping = Instant.now();
        podman(Duration.ofMinutes(2), "stop", "-t", "60", PROJECT + "_node-1_1");
        Instant stopped = Instant.now();
        sleepUntil(stopped.plusSeconds(12));
        // (the last few seconds before the pause are left out: an occurrence not yet claimed when it is paused
        // is recorded MISSED, saying so)
        Instant end = Instant.now().minusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        // (through the proxy, with one node stopped; a save that meets a run writing the script's data is a 409
        // "changed meanwhile", and is made again, as a client would)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Api.Answer answer = api.patch("api/scripts/" + ticker, "{\"active\": false}");
            assertThat(answer.status()).as(answer.body()).isIn(200, 409);
            return answer.status() == 200;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> api.runsOf(ticker).stream()
                .noneMatch(r -> !"FINISHED".equals(r.getString("status"))));

        List<JsonObject> runs = api.runsOf(ticker).stream().filter(r -> !r.isNull("scheduledFor"))
                .filter(r -> !Instant.parse(r.getString("scheduledFor")).isAfter(end)).toList();
        List<Instant> due = runs.stream().map(r -> Instant.parse(r.getString("scheduledFor"))).sorted().toList();
        assertThat(due).as("no occurrence ran twice").doesNotHaveDuplicates();
        assertThat(due.getFirst()).as("the first occurrence").isEqualTo(t0);
        assertThat(due).as("every occurrence from the first to the end, also while and after node-1 stopped")
                .hasSize((int) Duration.between(t0, end).toSeconds() + 1);
        // what else the design records for an occurrence, and nothing more: OVERLAPPED when due while the previous
        // one still ran (a slow first start), MISSED when a node's timer fired over a second late on this loaded
        // machine (saying so), INTERRUPTED when node-1 claimed it as it stopped (no slot any more)
        assertThat(runs).as("every occurrence's outcome").allSatisfy(r -> {
            String outcome = r.getString("outcome");
            assertThat(outcome).as("%s", r).isIn("SUCCEEDED", "OVERLAPPED", "MISSED", "INTERRUPTED");
            if ("MISSED".equals(outcome)) {
                assertThat(r.getString("error")).as("%s", r).contains("fired late");
            }
            if ("INTERRUPTED".equals(outcome)) {
                assertThat(r.getString("nodeName")).as("%s", r).isEqualTo("node-1");
                assertThat(Instant.parse(r.getString("scheduledFor"))).as("%s", r).isBetween(stopping.minusSeconds(2), stopped);
            }
        });
        long succeeded = runs.stream().filter(r -> "SUCCEEDED".equals(r.getString("outcome"))).count();
        assertThat(succeeded).as("most occurrences ran: %s", runs).isGreaterThan(due.size() / 2);
        Set<String> nodesBefore = runs.stream().filter(r -> Instant.parse(r.getString("scheduledFor")).isBefore(stopping))
                .map(r -> r.getString("nodeName")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> nodesAfter = runs.stream().filter(r -> Instant.parse(r.getString("scheduledFor")).isAfter(stopped))
                .map(r -> r.getString("nodeName")).collect(Collectors.toCollection(TreeSet::new));
        System.out.printf("ContainersIT: %d occurrences, %d succeeded; nodes before the stop %s, after %s%n",
                due.size(), succeeded, nodesBefore, nodesAfter);
        assertThat(nodesBefore).as("the nodes that ran occurrences while both were up").isSubsetOf("node-1", "node-2");
        assertThat(nodesAfter).as("only node-2 runs once node-1 is stopped").containsExactly("node-2");
        // (all its runs: one or two after the window's end ran before the pause took effect)
        long succeededInAll = api.runsOf(ticker).stream().filter(r -> "SUCCEEDED".equals(r.getString("outcome"))).count();
        assertThat(api.get("api/scripts/" + ticker).json().getJsonObject("data").getInt("n"))
                .as("each run's data carried on to the next, whichever node ran it").isEqualTo((int) succeededInAll);
    }

    /**
     * The smoke every image passes: healthy by its own HEALTHCHECK, a non-root process, the admin of the
     * configuration logs in, a script's forced run is sandboxed inside the container, and a stop while a run
     * goes on lets it finish (SIGTERM), after which the restarted container has the scripts, data and history.
     */
    private void smoke(String container, URI base, String nodeName) throws Exception {
        long started = System.nanoTime();
        Api anonymous = new Api(base);
        await().atMost(START).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> anonymous.get("health/ready").status() == 200);
        System.out.printf("ContainersIT: %s ready %d s after its first start%n", container,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        awaitHealthy(container);
        assertThat(podman(Duration.ofSeconds(30), "exec", container, "ps", "-o", "user=,comm=", "-p", "1").strip())
                .as("the container's first process").startsWith("ses ");
        assertThat(podman(Duration.ofSeconds(30), "exec", container, "id", "-u").strip()).isEqualTo("10001");
        JsonObject ready = anonymous.get("health/ready").json();
        assertThat(ready.toString()).as("readiness").contains("\"sandboxed\":true");

        Api api = anonymous.asAdmin();
        String probe = api.createScript("{\"name\": \"in-a-container\", \"mainCode\": %s}".formatted(quote("""
                import os
                def main(data):
                    print('pid', os.getpid(), 'uid', os.getuid(), 'opt', os.path.exists('/opt'))
                    data['n'] = data.get('n', 0) + 1
                """)));
        JsonObject first = api.awaitFinished(api.run(probe, true), Duration.ofMinutes(1));
        assertThat(first.getString("outcome")).as("%s", first).isEqualTo("SUCCEEDED");
        assertThat(first.getString("nodeName")).isEqualTo(nodeName);
        String log = api.get("api/runs/" + first.getString("id") + "/log").body();
        assertThat(log).as("sandboxed: its own process namespace, uid nobody, the server's /opt absent")
                .containsPattern("pid [1-9] uid 65534 opt False");

        String sleeper = api.createScript("{\"name\": \"stopped-meanwhile\", \"mainCode\": %s}".formatted(quote("""
                import time
                def main(data):
                    print('started', flush=True)
                    time.sleep(6)
                    print('finished')
                """)));
        String running = api.run(sleeper, true);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("api/runs/" + running + "/log").body().contains("started"));
        long stopping = System.nanoTime();
        podman(Duration.ofMinutes(3), "stop", "-t", "90", container);
        assertThat(podman(Duration.ofSeconds(30), "logs", container)).as("the stopping node waited for the run")
                .contains("for 1 run(s) to finish");
        System.out.printf("ContainersIT: %s stopped in %d s (a run going on)%n",
                container, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping));
        long starting = System.nanoTime();
        podman(Duration.ofMinutes(1), "start", container);
        await().atMost(START).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> anonymous.get("health/ready").status() == 200);
        System.out.printf("ContainersIT: %s ready again %d s after its start%n", container,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - starting));

        Api again = anonymous.asAdmin();
        JsonObject drained = again.get("api/runs/" + running).json();
        assertThat(drained.getString("outcome")).as("the run going on at the stop finished: %s", drained)
                .isEqualTo("SUCCEEDED");
        assertThat(again.get("api/runs/" + running + "/log").body()).contains("started", "finished");
        JsonObject kept = again.get("api/scripts/" + probe).json();
        assertThat(kept.getJsonObject("data").getInt("n")).as("the script's data after the restart").isEqualTo(1);
        assertThat(again.runsOf(probe)).as("the history after the restart").extracting(r -> r.getString("id"))
                .containsExactly(first.getString("id"));
        JsonObject second = again.awaitFinished(again.run(probe, true), Duration.ofMinutes(1));
        assertThat(second.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(again.get("api/scripts/" + probe).json().getJsonObject("data").getInt("n")).isEqualTo(2);
    }

    /** Runs the image's (or the Compose file's) health check as the engine would, until it passes. */
    private static void awaitHealthy(String container) {
        await().atMost(START).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            // (no systemd here to run the checks on their interval: podman runs one when asked)
            podman(Duration.ofSeconds(30), "healthcheck", "run", container);
            return true;
        });
        assertThat(podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.Health.Status}}", container).strip())
                .as("the health of %s", container).isEqualTo("healthy");
    }

    private static Map<String, String> composeEnvironment(int port) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SES_PORT", String.valueOf(port));
        environment.put("SES_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
        environment.put("MARIADB_PASSWORD", "compose-database-password");
        environment.put("SES_BASE_IMAGE", BASE);
        environment.put("SES_MARIADB_IMAGE", "localhost/ses-test/mariadb");
        environment.put("SES_CADDY_IMAGE", "localhost/ses-test/caddy");
        return environment;
    }

    /** Null when podman can run a container here; else why not. */
    private static String whyContainersCannotRun() throws IOException, InterruptedException {
        for (String tool : List.of("podman", "podman-compose", "debootstrap")) {
            if (new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() != 0) {
                return tool + " is not installed (.ci/run installs podman, runc, debootstrap and podman-compose)";
            }
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && new ProcessBuilder("podman", "image", "exists", "localhost/ses-test/debian:bookworm").start().waitFor() != 0) {
            return "the base images are missing and making them (debootstrap) needs root";
        }
        Files.createDirectories(WORK);
        containersConf = WORK.resolve("containers.conf");
        // runc: the default crun refuses this kernel's hybrid cgroups; the ulimits: podman's defaults exceed
        // what this machine's processes may have
        Files.writeString(containersConf, """
                [containers]
                default_ulimits = ["nofile=%1$d:%1$d", "nproc=8192:8192"]
                [engine]
                runtime = "runc"
                """.formatted(Math.min(hardLimit("Max open files"), 65536)));
        try {
            podman(Duration.ofMinutes(1), "info");
        } catch (AssertionError e) {
            containersConf = null;
            return "podman cannot run here: " + e.getMessage();
        }
        return null;
    }

    private static long hardLimit(String name) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith(name))
                .map(l -> l.substring(name.length()).trim().split("\\s+")[1])
                .map(v -> "unlimited".equals(v) ? 65536L : Long.parseLong(v)).findFirst().orElse(1024L);
    }

    private static void forgetLeftovers() throws Exception {
        run(Duration.ofMinutes(3), composeEnvironment(1), true, "podman-compose", "-p", PROJECT, "-f", "compose.yaml",
                "down", "-v");
        for (String container : CONTAINERS) {
            run(Duration.ofMinutes(2), Map.of(), true, "podman", "rm", "-f", "-t", "5", container);
        }
        for (String volume : VOLUMES) {
            run(Duration.ofMinutes(1), Map.of(), true, "podman", "volume", "rm", "-f", volume);
        }
        run(Duration.ofMinutes(1), Map.of(), true, "podman", "network", "rm", "-f", NETWORK);
    }

    private static String podman(Duration within, String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return run(within, Map.of(), false, command.toArray(String[]::new));
    }

    private static String run(Duration within, String... command) {
        return run(within, Map.of(), false, command);
    }

    /** Runs a command in the repository with podman's configuration; its output, or an error with it. */
    private static String run(Duration within, Map<String, String> environment, boolean mayFail, String... command) {
        try {
            Path output = Files.createTempFile(WORK, "command", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(REPOSITORY.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("CONTAINERS_CONF", containersConf.toString());
            Process process = builder.start();
            boolean ended = process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String text = Files.readString(output);
            Files.delete(output);
            if (!mayFail && (!ended || process.exitValue() != 0)) {
                throw new AssertionError(String.join(" ", command) + (ended ? " failed (" + process.exitValue() + ")"
                        : " took longer than " + within) + ":\n" + text.substring(Math.max(0, text.length() - 4000)));
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("Could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted running " + String.join(" ", command), e);
        }
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
