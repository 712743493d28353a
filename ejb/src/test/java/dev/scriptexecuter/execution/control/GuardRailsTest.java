package dev.scriptexecuter.execution.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.boundary.Harness;
import dev.scriptexecuter.python.boundary.TestPython;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runaway, hostile and broken scripts against the real harness, interpreter,
 * limits and (where bubblewrap works) sandbox: each ends with a clear outcome
 * and leaves no process behind.
 */
class GuardRailsTest {

    @TempDir
    Path work;

    private TestHarness cut;
    private ScheduledExecutorService timers;

    /** How these tests' runs get their process; the warm subclass says "warm". */
    String mode() {
        return Harness.SPAWN;
    }

    @BeforeEach
    void setUp() {
        timers = Executors.newSingleThreadScheduledExecutor();
        cut = TestHarness.create(work, timers, "auto", mode());
    }

    @AfterEach
    void tearDown() {
        timers.shutdownNow();
        cut.close();
    }

    private record Ran(String runId, RunResult result) {
    }

    private Ran run(String main, String data) {
        RunTicket ticket = new RunTicket("guard-" + System.nanoTime(), "script-1", "test", main, null, null, data, 0,
                true);
        LiveRun live = cut.open(ticket.runId());
        RunResult result = cut.run(ticket, live);
        assertThat(live.mode()).as("how the run's process was made").isEqualTo(mode());
        return new Ran(ticket.runId(), result);
    }

    /**
     * Spawned runs are found by the run id in their environment; a forked one
     * has its worker's, so what is left of it is whatever lives below an idle
     * worker besides the worker (and the sandbox's init).
     */
    private void noProcessLeft(String runId) {
        await("no process of the run is left").atMost(Duration.ofSeconds(5))
                .until(() -> RunProcesses.of(runId).isEmpty() && cut.processes.leftovers().isEmpty());
    }

    @Test
    void aRunFillingItsHomeIsEndedDiskLimitAndWhatItWroteThereIsDeleted() throws IOException {
        Path home = Files.createDirectories(work.resolve("scripts").resolve("script-1"));
        Path kept = Files.writeString(home.resolve("kept.txt"), "from an earlier run");
        Files.setLastModifiedTime(kept, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
        cut.process.timeout = Duration.ofMinutes(10);

        Ran ran = run("""
                import time
                def main(data):
                    data['saved'] = True
                    for i in range(16):
                        with open('part-%d.bin' % i, 'wb') as f:
                            f.write(b'x' * (1 << 20))
                    time.sleep(60)
                    print('woke up')
                """, "{}");

        assertThat(ran.result().outcome()).as(ran.result().toString()).isEqualTo(RunOutcome.DISK_LIMIT);
        assertThat(ran.result().error()).contains("the script's home", "limit of 8 MiB", "ses.run.max-home-bytes");
        assertThat(ran.result().log()).as("killed while it slept").doesNotContain("woke up");
        assertThat(ran.result().dataToSave()).as("the previous data is kept").isNull();
        try (var left = Files.list(home)) {
            assertThat(left).containsExactly(kept);
        }
        noProcessLeft(ran.runId());
    }

    /** A script that sets its files' modification time into the past does not keep them that way. */
    @Test
    void filesBackdatedByTheRunAreDeletedToo() throws IOException {
        Path home = Files.createDirectories(work.resolve("scripts").resolve("script-1"));
        cut.process.timeout = Duration.ofMinutes(10);

        Ran ran = run("""
                import os, time
                def main(data):
                    for i in range(16):
                        with open('old-%d.bin' % i, 'wb') as f:
                            f.write(b'x' * (1 << 20))
                        os.utime('old-%d.bin' % i, (0, 0))
                    time.sleep(60)
                """, "{}");

        assertThat(ran.result().outcome()).as(ran.result().toString()).isEqualTo(RunOutcome.DISK_LIMIT);
        try (var left = Files.list(home)) {
            assertThat(left.map(path -> path.getFileName().toString())).as("what the run wrote, backdated")
                    .noneMatch(name -> name.startsWith("old-"));
        }
        noProcessLeft(ran.runId());
    }

    @Test
    void oneHugeFileStopsAtTheFileSizeLimitAndEndsDiskLimit() throws IOException {
        Ran ran = run("""
                def main(data):
                    with open('huge.bin', 'wb') as f:
                        for i in range(64):
                            f.write(b'x' * (1 << 20))
                """, "{}");

        assertThat(ran.result().outcome()).as(ran.result().toString()).isEqualTo(RunOutcome.DISK_LIMIT);
        assertThat(ran.result().error()).contains("ses.run.max-home-bytes");
        assertThat(ran.result().log()).as("the write was refused, not the run killed").contains("File too large");
        assertThat(work.resolve("scripts").resolve("script-1").resolve("huge.bin")).doesNotExist();
    }

    @Test
    void aRunFillingItsRunDirectoryIsEndedDiskLimit() {
        cut.process.timeout = Duration.ofMinutes(10);

        Ran ran = run("""
                import os, time
                def main(data):
                    here = os.path.dirname(os.path.abspath(__file__))
                    for i in range(6):
                        with open(os.path.join(here, 'part-%d.bin' % i), 'wb') as f:
                            f.write(b'x' * (1 << 20))
                    time.sleep(60)
                    print('woke up')
                """, "{}");

        assertThat(ran.result().outcome()).as(ran.result().toString()).isEqualTo(RunOutcome.DISK_LIMIT);
        assertThat(ran.result().error()).contains("the run's directory", "limit of 4 MiB", "ses.run.max-dir-bytes");
        assertThat(ran.result().log()).doesNotContain("woke up");
    }

    @Test
    void aRunWithinItsDiskLimitsKeepsWhatItWroteToItsHome() {
        Ran ran = run("def main(data):\n    open('note.txt', 'w').write('hello')\n", "{}");

        assertThat(ran.result().outcome()).as(ran.result().toString()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(work.resolve("scripts").resolve("script-1").resolve("note.txt")).hasContent("hello");
    }

    @Test
    void aBusyLoopTimesOutAndLeavesNoProcess() {
        cut.process.timeout = Duration.ofSeconds(2);

        Ran ran = run("def main(data):\n    while True:\n        pass\n", "{}");

        assertThat(ran.result().outcome()).isEqualTo(RunOutcome.TIMED_OUT);
        assertThat(ran.result().error()).contains("was killed");
        noProcessLeft(ran.runId());
    }

    @Test
    void aGigabyteOfOutputIsCutToTheLogCapWithAMarker() {
        cut.processes.memoryLimit("4g");

        Ran ran = run("def main(data):\n    print('x' * 10**9)\n    print('the end')\n", "{}");

        assertThat(ran.result().outcome()).as(ran.result().error()).isEqualTo(RunOutcome.SUCCEEDED);
        String log = ran.result().log();
        assertThat(log.length()).as("the log keeps at most the cap").isLessThan(64 * 1024 + 1024);
        assertThat(log).containsPattern("\\d+ bytes").contains("the end");
        noProcessLeft(ran.runId());
    }

    @Test
    void tenGigabytesOfMemoryAreRefusedWithAClearError() {
        Ran ran = run("def main(data):\n    block = bytearray(10**10)\n", "{}");

        assertThat(ran.result().outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(ran.result().error()).contains("MemoryError").contains("ses.run.memory-limit");
        noProcessLeft(ran.runId());
    }

    @Test
    void aForkBombHitsTheProcessLimitAndIsCleanedUp() {
        assumeTrue(cut.processes.confinement.processesInCgroup(),
                "without a pids cgroup a fork bomb is only held by RLIMIT_NPROC, which does not bind root");

        Ran ran = run("import os\ndef main(data):\n    while True:\n        os.fork()\n", "{}");

        assertThat(ran.result().outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(ran.result().error()).contains("ses.run.max-processes");
        noProcessLeft(ran.runId());
    }

    @Test
    void inTheSandboxTheNetworkAndTheServersFilesAreOutOfReach() throws IOException {
        assumeTrue(cut.processes.confinement.sandboxed(), "bubblewrap is not usable here: "
                + cut.processes.confinement.notSandboxedBecause().orElse(""));
        Path secret = Files.writeString(work.resolve("node-name"), "the server's own file");
        try (ServerSocket listening = new ServerSocket(0)) {
            String main = """
                    import os, socket
                    def main(data):
                        s = socket.socket()
                        s.settimeout(3)
                        data['connect'] = s.connect_ex(('127.0.0.1', data['port']))
                        try:
                            open(data['secret']).read()
                            data['secret'] = 'READ'
                        except OSError as e:
                            data['secret'] = type(e).__name__
                        data['work'] = sorted(os.listdir(data['work']))
                        data['uid'] = os.getuid()
                        data['env'] = sorted(k for k in os.environ if not k.startswith('SES_'))
                    """;
            String data = "{\"port\": %d, \"secret\": \"%s\", \"work\": \"%s\"}".formatted(listening.getLocalPort(),
                    secret, work);

            Ran ran = run(main, data);

            assertThat(ran.result().outcome()).as(ran.result().log()).isEqualTo(RunOutcome.SUCCEEDED);
            String after = ran.result().dataToSave();
            assertThat(after).as("no network: 127.0.0.1 is not the server's").doesNotContain("\"connect\":0");
            assertThat(after).contains("\"secret\":\"FileNotFoundError\"");
            assertThat(after).as("only the harness, the run's directory and its script's home")
                    .contains(mode().equals(Harness.SPAWN) ? "\"work\":[\"python\",\"runs\",\"scripts\"]"
                            : "\"work\":[\"python\",\"scripts\",\"workers\"]");
            assertThat(after).contains("\"uid\":65534");
            assertThat(after).contains("\"env\":[\"HOME\",\"LANG\",\"PATH\",\"PWD\",\"PYTHONIOENCODING\"]");
        }
    }

    @Test
    void withoutTheSandboxTheSameScriptSeesTheServersFiles() throws IOException {
        cut.close();
        cut = TestHarness.create(work, timers, "off", mode());
        Path secret = Files.writeString(work.resolve("node-name"), "the server's own file");

        Ran ran = run("def main(data):\n    data['secret'] = open(data['secret']).read()\n",
                "{\"secret\": \"%s\"}".formatted(secret));

        assertThat(ran.result().dataToSave()).as("the check above can fail").contains("the server's own file");
        assertThat(cut.processes.confinement.notSandboxedBecause()).get().asString().contains("ses.sandbox=off");
    }
}
