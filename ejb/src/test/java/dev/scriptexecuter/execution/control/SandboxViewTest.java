package dev.scriptexecuter.execution.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scriptexecuter.environment.boundary.Environments;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.python.boundary.ExtraSandboxPaths;
import dev.scriptexecuter.python.boundary.Harness;
import dev.scriptexecuter.python.boundary.TestPython;
import dev.scriptexecuter.python.control.SandboxView;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * What a sandboxed script sees of the host (issue #26): real runs try to list
 * and read the host's directories, configuration, the server's files and a
 * file the test put in a fresh directory of the host's /tmp, and find them
 * absent, while what Python needs (standard library, TLS certificates, name
 * resolution, time zones, a venv's packages, its home and run directory) works.
 */
class SandboxViewTest {

    private static final String PROBE = """
            import datetime, getpass, json, os, socket, sqlite3, ssl, sys, urllib.request, zoneinfo

            def look(path):
                try:
                    if os.path.isdir(path):
                        return sorted(os.listdir(path))
                    with open(path, 'rb') as f:
                        f.read(1)
                    return 'read'
                except OSError as e:
                    return type(e).__name__

            def main(data):
                data['seen'] = {path: look(path) for path in data['paths']}
                data['certificates'] = ssl.create_default_context().cert_store_stats()['x509_ca']
                data['certificateFiles'] = len(os.listdir('/etc/ssl/certs'))
                data['localhost'] = socket.getaddrinfo('localhost', 80)[0][4][0]
                data['berlin'] = zoneinfo.ZoneInfo('Europe/Berlin').utcoffset(datetime.datetime(2026, 1, 1)).seconds
                data['sqlite'] = sqlite3.connect(':memory:').execute('select 41 + 1').fetchone()[0]
                data['user'] = getpass.getuser()
                with open(os.path.join(os.environ['HOME'], 'home.txt'), 'w') as f:
                    f.write('written in the home')
                with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'run.txt'), 'w') as f:
                    f.write('written in the run directory')
                data['written'] = True
            """;

    @TempDir
    Path work;

    private TestHarness cut;
    private ScheduledExecutorService timers;
    private Path hostDirectory;

    /** How these tests' runs get their process; the warm subclass says "warm". */
    String mode() {
        return Harness.SPAWN;
    }

    @BeforeEach
    void setUp() throws IOException {
        timers = Executors.newSingleThreadScheduledExecutor();
        TestHarness harness = TestHarness.create(work, timers, "auto", mode());
        if (!harness.processes.confinement.sandboxed()) {
            timers.shutdownNow();
        }
        assumeTrue(harness.processes.confinement.sandboxed(), "bubblewrap is not usable here: "
                + harness.processes.confinement.notSandboxedBecause().orElse(""));
        cut = harness;
        hostDirectory = Files.createTempDirectory(Path.of("/tmp"), "ses-host-");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (cut != null) {
            timers.shutdownNow();
            cut.close();
            try (Stream<Path> files = Files.walk(hostDirectory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private JsonObject run(String main, String data, Path python) {
        return run(main, data, python, ExtraSandboxPaths.NONE);
    }

    private JsonObject run(String main, String data, Path python, ExtraSandboxPaths scriptPaths) {
        RunTicket ticket = new RunTicket("view-" + System.nanoTime(), "script-1", "test", main, null, null, data, 0,
                true).withScriptPaths(scriptPaths);
        LiveRun live = cut.open(ticket.runId());
        if (python != null) {
            live.prepared(ticket, lease(python));
        }
        RunResult result = cut.run(ticket, live);
        assertThat(live.mode()).as("how the run's process was made").isEqualTo(mode());
        assertThat(result.outcome()).as(result.log() + result.error()).isEqualTo(RunOutcome.SUCCEEDED);
        return Json.createReader(new StringReader(result.dataToSave())).readObject();
    }

    @Test
    void theHostIsAbsentButWhatPythonNeedsWorks() throws IOException {
        Path hostFile = Files.writeString(hostDirectory.resolve("other-project.txt"), "not for scripts");
        Path javaRelease = Path.of(System.getProperty("java.home"), "release");
        Path checkout = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        List<Path> absent = new ArrayList<>(List.of(hostFile, hostDirectory, javaRelease, checkout.resolve("README.md"),
                checkout.resolve("config")));
        assertThat(absent).as("the host has them, so that their absence means something").allMatch(Files::exists);
        Stream.of("/home", "/opt", "/srv", "/var", "/var/log", "/sys", "/run", "/mnt", "/etc/mysql/my.cnf",
                "/etc/shadow", "/etc/hostname", "/etc/machine-id", "/etc/environment", "/etc/ssl/private")
                .map(Path::of).filter(Files::exists).forEach(absent::add);
        List<String> paths = new ArrayList<>(List.of("/", "/root", "/etc", "/usr/lib/jvm", "/etc/passwd"));
        absent.forEach(path -> paths.add(path.toString()));

        JsonObject after = run(PROBE, Json.createObjectBuilder()
                .add("paths", Json.createArrayBuilder(paths)).build().toString(), null);

        JsonObject seen = after.getJsonObject("seen");
        for (Path path : absent) {
            assertThat(seen.get(path.toString())).as(path.toString()).isEqualTo(Json.createValue("FileNotFoundError"));
        }
        assertThat(names(seen, "/")).as("/").isSubsetOf(topLevelAllowed())
                .contains("usr", "etc", "tmp", "proc", "dev").doesNotContain("home", "opt", "srv", "var", "work");
        assertThat(names(seen, "/etc")).as("/etc").isSubsetOf(etcAllowed())
                .contains("passwd", "hosts", "ssl").doesNotContain("mysql", "shadow", "hostname");
        assertThat(names(seen, "/usr/lib/jvm")).as("the JDKs under /usr/lib/jvm").isEmpty();
        assertThat(seen.get("/root")).as("/root holds at most the way to the interpreter")
                .isEqualTo(rootExpected());
        assertThat(after.getInt("certificates")).as("TLS certificates from /etc/ssl").isPositive();
        assertThat(after.getInt("certificateFiles")).isPositive();
        assertThat(after.getString("localhost")).isEqualTo("127.0.0.1");
        assertThat(after.getInt("berlin")).as("Europe/Berlin's offset in January").isEqualTo(3600);
        assertThat(after.getInt("sqlite")).isEqualTo(42);
        assertThat(after.getString("user")).as("/etc/passwd names the sandbox's user only").isEqualTo("nobody");
        assertThat(after.getBoolean("written")).isTrue();
        assertThat(work.resolve("scripts").resolve("script-1").resolve("home.txt")).hasContent("written in the home");
    }

    @Test
    void aPackageOfTheScriptsEnvironmentImports() throws Exception {
        Path environment = work.resolve("environments").resolve("builds").resolve("e1");
        Process venv = new ProcessBuilder(TestPython.interpreter().executable().toString(), "-I", "-m", "venv",
                "--without-pip", environment.toString()).inheritIO().start();
        assertThat(venv.waitFor()).isZero();
        Path sitePackages;
        try (Stream<Path> found = Files.find(environment.resolve("lib"), 2,
                (path, attributes) -> path.getFileName().toString().equals("site-packages"))) {
            sitePackages = found.findFirst().orElseThrow();
        }
        Files.createDirectories(sitePackages.resolve("sandboxed_pkg"));
        Files.writeString(sitePackages.resolve("sandboxed_pkg").resolve("__init__.py"), "VALUE = 42\n");

        JsonObject after = run("import sys, sandboxed_pkg\ndef main(data):\n    data['value'] = sandboxed_pkg.VALUE\n"
                + "    data['prefix'] = sys.prefix\n", "{}", environment.resolve("bin").resolve("python"));

        assertThat(after.getInt("value")).isEqualTo(42);
        assertThat(after.getString("prefix")).isEqualTo(environment.toString());
    }

    @Test
    void extraPathsFromTheSettingsAreVisibleReadOnlyOrWritableAsTheySay() throws IOException {
        Path reference = Files.createDirectories(hostDirectory.resolve("reference"));
        Files.writeString(reference.resolve("table.csv"), "a,b\n");
        Path output = Files.createDirectories(hostDirectory.resolve("output"));
        Files.writeString(hostDirectory.resolve("unlisted.txt"), "beside the bound paths, not bound");
        cut.processes.extraPaths(reference.toString(), " " + output + " ");
        String main = """
                import os
                def main(data):
                    data['read'] = open(os.path.join(data['reference'], 'table.csv')).read()
                    try:
                        open(os.path.join(data['reference'], 'new.txt'), 'w').write('x')
                        data['wroteReference'] = 'yes'
                    except OSError as e:
                        data['wroteReference'] = e.strerror
                    open(os.path.join(data['output'], 'result.txt'), 'w').write('from the sandbox')
                    data['beside'] = sorted(os.listdir(os.path.dirname(data['reference'])))
                """;

        JsonObject after = run(main, Json.createObjectBuilder().add("reference", reference.toString())
                .add("output", output.toString()).build().toString(), null);

        assertThat(after.getString("read")).isEqualTo("a,b\n");
        assertThat(after.getString("wroteReference")).isEqualTo("Read-only file system");
        assertThat(reference.resolve("new.txt")).doesNotExist();
        assertThat(output.resolve("result.txt")).hasContent("from the sandbox");
        assertThat(after.getJsonArray("beside").getValuesAs(JsonString::getString))
                .as("only the bound paths of that directory").containsExactly("output", "reference");
    }

    @Test
    void aScriptsOwnPathsAreVisibleToItAsTheySayAndTheRunsOfOtherScriptsDoNotSeeThem() throws IOException {
        Path reference = Files.createDirectories(hostDirectory.resolve("own-reference"));
        Files.writeString(reference.resolve("table.csv"), "c,d\n");
        Path output = Files.createDirectories(hostDirectory.resolve("own-output"));
        String main = """
                import os
                def main(data):
                    data['read'] = open(os.path.join(data['reference'], 'table.csv')).read()
                    try:
                        open(os.path.join(data['reference'], 'new.txt'), 'w').write('x')
                        data['wroteReference'] = 'yes'
                    except OSError as e:
                        data['wroteReference'] = e.strerror
                    open(os.path.join(data['output'], 'result.txt'), 'w').write('from its sandbox')
                """;
        String data = Json.createObjectBuilder().add("reference", reference.toString())
                .add("output", output.toString()).build().toString();

        JsonObject after = run(main, data, null, ExtraSandboxPaths.of(List.of(reference.toString()),
                List.of(output.toString())));

        assertThat(after.getString("read")).isEqualTo("c,d\n");
        assertThat(after.getString("wroteReference")).isEqualTo("Read-only file system");
        assertThat(output.resolve("result.txt")).hasContent("from its sandbox");
        JsonObject without = run("import os\ndef main(data):\n    data['there'] = os.path.exists(data['reference'])\n",
                data, null);
        assertThat(without.getBoolean("there")).as("a run without those paths").isFalse();
    }

    @Test
    void extraPathsMustBeAbsolute() {
        assertThatThrownBy(() -> ExtraSandboxPaths.parse("/data, data/relative", null))
                .hasMessageContaining("ses.sandbox.read-only-paths takes absolute paths, not data/relative");
        assertThat(ExtraSandboxPaths.parse(" /data/a ,, /data/b/../c", "").readOnly())
                .containsExactly(Path.of("/data/a"), Path.of("/data/c"));
    }

    private static List<String> names(JsonObject seen, String path) {
        assertThat(seen.get(path).getValueType()).as(path + ": " + seen.get(path)).isEqualTo(JsonValue.ValueType.ARRAY);
        return seen.getJsonArray(path).getValuesAs(JsonString::getString);
    }

    /** The system's top level, and the first step towards the interpreter and the test's work directory. */
    private Set<String> topLevelAllowed() {
        Set<String> allowed = new TreeSet<>(Set.of("bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr", "etc",
                "dev", "proc", "tmp"));
        allowed.add(TestPython.interpreter().basePrefix().getName(0).toString());
        allowed.add(work.toAbsolutePath().getName(0).toString());
        return allowed;
    }

    private static Set<String> etcAllowed() {
        Set<String> allowed = new TreeSet<>(Set.of("passwd", "group"));
        SandboxView.ETC.forEach(entry -> allowed.add(Path.of(entry).getName(0).toString()));
        return allowed;
    }

    /** Under /root only the path to an interpreter installed there (pyenv), else nothing at all. */
    private static JsonValue rootExpected() {
        Path prefix = TestPython.interpreter().basePrefix();
        return prefix.startsWith("/root") && !prefix.equals(Path.of("/root"))
                ? Json.createArrayBuilder().add(prefix.getName(1).toString()).build()
                : Json.createValue("FileNotFoundError");
    }

    private static Environments.Lease lease(Path python) {
        return new Environments.Lease() {
            @Override
            public Path python() {
                return python;
            }

            @Override
            public void close() {
            }
        };
    }
}
