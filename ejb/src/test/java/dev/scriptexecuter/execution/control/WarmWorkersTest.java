package dev.scriptexecuter.execution.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.python.boundary.Harness;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** What is particular to warm workers: reuse, isolation between runs, and falling back when a worker dies. */
class WarmWorkersTest {

    /** Reports the worker it was forked by (its parent), its own pid, and a module global it sets. */
    private static final String WHO = """
            import os
            seen = globals().get('seen', 0)
            def main(data):
                global seen
                seen += 1
                data['worker'] = os.getppid()
                data['pid'] = os.getpid()
                data['seen'] = seen
                data['run'] = os.environ['SES_RUN_ID']
            """;

    @TempDir
    Path work;

    private TestHarness cut;
    private ScheduledExecutorService timers;

    @BeforeEach
    void setUp() {
        timers = Executors.newSingleThreadScheduledExecutor();
        cut = TestHarness.create(work, timers, "off", Harness.WARM);
    }

    @AfterEach
    void tearDown() {
        timers.shutdownNow();
        cut.close();
    }

    private record Ran(LiveRun live, RunResult result) {
        JsonObject data() {
            return Json.parseObject(result.dataToSave());
        }
    }

    private Ran run(String scriptId, String main, String runMode) {
        RunTicket ticket = new RunTicket("warm-" + System.nanoTime(), scriptId, "test", main, null, null, "{}", 0, true,
                null, false, runMode);
        LiveRun live = cut.open(ticket.runId());
        return new Ran(live, cut.run(ticket, live));
    }

    @Test
    void oneWorkerServesAScriptsRunsEachInAFreshProcessWithItsOwnRunId() {
        Ran first = run("script-a", WHO, null);
        Ran second = run("script-a", WHO, null);

        assertThat(first.result().outcome()).as(first.result().log()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(second.result().outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(second.live().mode()).isEqualTo(Harness.WARM);
        assertThat(second.data().getInt("worker")).as("the same worker forked both").isEqualTo(first.data().getInt("worker"));
        assertThat(second.data().getInt("pid")).isNotEqualTo(first.data().getInt("pid"));
        assertThat(second.data().getInt("seen")).as("nothing of the first run is left in the second").isEqualTo(1);
        assertThat(second.data().getString("run")).isEqualTo(second.live().runId());
        assertThat(cut.processes.workers.idleCount()).isEqualTo(1);
    }

    @Test
    void scriptsDoNotShareWorkersAndAScriptCanChooseToBeSpawned() {
        Ran a = run("script-a", WHO, null);
        Ran b = run("script-b", WHO, null);
        Ran spawned = run("script-a", WHO, Harness.SPAWN);

        assertThat(b.data().getInt("worker")).isNotEqualTo(a.data().getInt("worker"));
        assertThat(spawned.live().mode()).isEqualTo(Harness.SPAWN);
        assertThat(spawned.data().getInt("worker")).as("spawned: its parent is not a worker")
                .isNotIn(a.data().getInt("worker"), b.data().getInt("worker"));
    }

    @Test
    void aWorkerKilledBetweenRunsIsReplacedAndTheNextRunSucceeds() {
        Ran first = run("script-a", WHO, null);
        long worker = first.data().getInt("worker");
        ProcessHandle.of(worker).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(worker).isEmpty()
                || !ProcessHandle.of(worker).get().isAlive());

        Ran next = run("script-a", WHO, null);

        assertThat(next.result().outcome()).as(next.result().log()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(next.live().mode()).isEqualTo(Harness.WARM);
        assertThat(next.data().getInt("worker")).as("a new worker").isNotEqualTo((int) worker);
    }

    @Test
    void aWorkerKilledDuringARunFailsThatRunWithAReasonAndTheNextOneRuns() throws Exception {
        String sleeper = "import os, time\ndef main(data):\n    print('worker=%d' % os.getppid(), flush=True)\n"
                + "    time.sleep(600)\n";
        RunTicket ticket = new RunTicket("warm-killed", "script-a", "test", sleeper, null, null, "{}", 0, true);
        LiveRun live = cut.open(ticket.runId());
        CompletableFuture<RunResult> running = CompletableFuture.supplyAsync(() -> cut.run(ticket, live));
        await().atMost(Duration.ofSeconds(20)).until(() -> live.log().text().contains("worker="));
        String text = live.log().text();
        long worker = Long.parseLong(text.substring(text.indexOf("worker=") + 7).strip());

        ProcessHandle.of(worker).orElseThrow().destroyForcibly();
        RunResult result = running.get(20, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(result.error()).contains("warm worker").contains("ended during the run");
        assertThat(result.log()).contains("worker=" + worker);
        Ran next = run("script-a", WHO, null);
        assertThat(next.result().outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(next.live().mode()).isEqualTo(Harness.WARM);
    }

    @Test
    void atTheMaximumWithEveryWorkerBusyARunIsSpawned() throws Exception {
        cut.processes.maxWorkers(1);
        String sleeper = "import time\ndef main(data):\n    print('going', flush=True)\n    time.sleep(600)\n";
        RunTicket busy = new RunTicket("warm-busy", "script-a", "test", sleeper, null, null, "{}", 0, true);
        LiveRun busyRun = cut.open(busy.runId());
        CompletableFuture<RunResult> running = CompletableFuture.supplyAsync(() -> cut.run(busy, busyRun));
        await().atMost(Duration.ofSeconds(20)).until(() -> busyRun.log().text().contains("going"));

        Ran other = run("script-b", WHO, null);

        assertThat(other.result().outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(other.live().mode()).isEqualTo(Harness.SPAWN);
        busyRun.stop();
        assertThat(running.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(RunOutcome.STOPPED);
        assertThat(busyRun.mode()).isEqualTo(Harness.WARM);
    }

    @Test
    void aDeletedScriptsWorkerEndsWithoutWaitingForItsIdleTimeout() {
        Ran ran = run("script-a", WHO, null);
        run("script-b", WHO, null);
        ProcessHandle worker = ProcessHandle.of(ran.data().getInt("worker")).orElseThrow();

        cut.processes.workers.endWorkersOf("script-a");

        await().atMost(Duration.ofSeconds(5)).until(() -> !worker.isAlive());
        assertThat(cut.processes.workers.idleCount()).as("script-b's worker stays").isEqualTo(1);
    }

    @Test
    void modulesToPreloadAreImportedByTheWorkerBeforeItsFirstRun() {
        cut.processes.preload("decimal, ses_no_such_module");
        String main = "import sys\ndef main(data):\n    data['loaded'] = 'decimal' in sys.modules\n"
                + "    data['missing'] = 'ses_no_such_module' in sys.modules\n";
        Ran ran = run("script-a", main, null);
        Ran spawned = run("script-a", main, Harness.SPAWN);

        assertThat(ran.result().outcome()).as(ran.result().log()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(ran.data().getBoolean("loaded")).as("imported before the script asked for it").isTrue();
        assertThat(ran.data().getBoolean("missing")).as("a module that cannot be imported is left out").isFalse();
        assertThat(spawned.data().getBoolean("loaded")).as("a spawned run does not have it").isFalse();
    }
}
