package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.boundary.TestPython;
import dev.scriptexecuter.python.control.ProcessRig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A run's harness as the container wires it, on the real interpreter, in a
 * test's work directory: small disk limits measured often (tests write
 * megabytes, not gigabytes), the process side in {@link #processes}.
 */
final class TestHarness implements AutoCloseable {

    final ProcessRig processes;
    final HarnessProcess process;
    final LiveRuns liveRuns;

    private final RunWatch watch;

    private TestHarness(ProcessRig processes, HarnessProcess process, LiveRuns liveRuns, RunWatch watch) {
        this.processes = processes;
        this.process = process;
        this.liveRuns = liveRuns;
        this.watch = watch;
    }

    /**
     * @param sandbox {@code ses.sandbox}: auto, on or off
     * @param mode    the node's default run mode: spawn or warm
     */
    static TestHarness create(Path work, ScheduledExecutorService timers, String sandbox, String mode) {
        ProcessRig processes = ProcessRig.create(work, sandbox, mode);
        HarnessProcess process = new HarnessProcess();
        process.interpreter = TestPython.interpreter();
        process.launcher = processes.launcher;
        process.workDirectory = new WorkDirectory(work);
        process.disks = disks();
        process.clock = Clock.systemUTC();
        RunWatch watch = new RunWatch();
        watch.timers = timers;
        watch.disks = process.disks;
        watch.start();
        process.watch = watch;
        process.timeout = Duration.ofSeconds(30);
        process.maxDataBytes = 4096;
        LiveRuns liveRuns = new LiveRuns();
        liveRuns.clock = Clock.systemUTC();
        liveRuns.broadcast = new OutputBroadcast();
        liveRuns.share = new LogShare();
        liveRuns.share.every = Duration.ZERO; // one node: nothing to share
        liveRuns.logMaxBytes = 64 * 1024;
        return new TestHarness(processes, process, liveRuns, watch);
    }

    /** Small disk limits, measured often. */
    static DiskLimits disks() {
        DiskLimits disks = new DiskLimits();
        disks.maxHome = "8m";
        disks.maxRunDirectory = "4m";
        disks.interval = Duration.ofMillis(100);
        return disks;
    }

    LiveRun open(String runId) {
        return liveRuns.open(runId);
    }

    RunResult run(RunTicket ticket, LiveRun live) {
        return process.run(ticket, live);
    }

    /** The runs the node's {@link RunWatch} still holds. */
    int watching() {
        return watch.watching();
    }

    @Override
    public void close() {
        watch.stop();
        processes.close();
    }
}
