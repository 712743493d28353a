package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.secret.boundary.SecretMask;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.control.ProcessGroup;
import dev.scriptexecuter.python.control.PythonFiles;
import dev.scriptexecuter.python.control.PythonInterpreter;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one script run as a Python process: writes the run directory, starts
 * the harness in a process group of its own (spawned, or forked by a warm worker), captures its output line by line,
 * kills the group on timeout or stop, and reads the harness's report.
 */
@ApplicationScoped
public class HarnessProcess {

    private static final Logger LOG = Logger.getLogger(HarnessProcess.class.getName());
    private static final int MAX_LINE_CHARS = 16 * 1024;
    private static final long CAPTURE_GRACE_MILLIS = 5000;

    @Inject
    PythonInterpreter interpreter;

    @Inject
    PythonFiles files;

    @Inject
    WorkDirectory workDirectory;

    @Inject
    LiveRuns liveRuns;

    @Inject
    RunConfinement confinement;

    /** Null in unit tests that only spawn. */
    @Inject
    WarmWorkers workers;

    /** Null in unit tests. */
    @Inject
    OutputBroadcast broadcast;

    @Inject
    Clock clock;

    @Inject
    DiskLimits disks;

    @Resource
    ManagedScheduledExecutorService timers;

    @Resource
    ManagedThreadFactory managedThreads;

    /** Set by unit tests, which run without a container. */
    ScheduledExecutorService timeoutScheduler;
    ThreadFactory threadFactory;

    @Inject
    @ConfigProperty(name = "ses.run.timeout", defaultValue = "PT1H")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "ses.run.log-max-bytes", defaultValue = "1048576")
    long logMaxBytes;

    @Inject
    @ConfigProperty(name = "ses.script.max-data-bytes", defaultValue = "1048576")
    long maxDataBytes;

    /** Registers a run as alive on this node before it starts, so that a stop request finds it from now on. */
    public LiveRun open(String runId) {
        LiveRun live = new LiveRun(runId, new LogCapture(clock, logMaxBytes,
                broadcast == null ? null : (index, line) -> broadcast.line(runId, index, line)));
        liveRuns.add(runId, live);
        return live;
    }

    /**
     * Runs the harness for a run opened with {@link #open}: forked by a warm
     * worker when the run's mode is warm and one can be had, else spawned.
     */
    public RunResult run(RunTicket ticket, LiveRun live) {
        SecretMask mask = SecretMask.of(ticket.secrets());
        live.log().mask(mask);
        RunResult result = runUnmasked(ticket, live);
        return result.error() == null ? result : result.withError(mask.apply(result.error()));
    }

    private RunResult runUnmasked(RunTicket ticket, LiveRun live) {
        Path home = workDirectory.directory("scripts", ticket.scriptId());
        live.belongsTo(ticket.scriptId());
        Path python = live.python() != null ? live.python() : interpreter.executable();
        if (workers != null && WarmWorkers.WARM.equals(workers.modeOf(ticket.runMode()))) {
            Optional<WarmWorker> worker = workers.take(ticket.scriptId(), python, ticket.allowNetwork(),
                    ticket.scriptPaths(), home);
            if (worker.isPresent()) {
                Optional<RunResult> result = runWarm(ticket, live, worker.get(), home);
                if (result.isPresent()) {
                    return result.get();
                }
            }
        }
        return spawn(ticket, live, home, python);
    }

    private RunResult spawn(RunTicket ticket, LiveRun live, Path home, Path python) {
        Path directory = workDirectory.directory("runs").resolve(ticket.runId());
        RunConfinement.Confined confined = null;
        try {
            RunDirectory.prepare(directory, ticket);
            confined = confinement.confine(ticket.runId(),
                    new RunConfinement.Paths(directory, home, python, files.harness()), ticket.allowNetwork(),
                    ticket.scriptPaths());
            Instant began = clock.instant();
            Process process = start(ticket, confined.command(), home);
            live.attach(RunProcess.spawned(process, ticket.runId()), WarmWorkers.SPAWN);
            Thread reader = threads().newThread(() -> capture(process, live));
            reader.start();
            Duration limit = limit(ticket);
            ScheduledFuture<?> deadline = scheduler().schedule(live::timeOut, limit.toMillis(), TimeUnit.MILLISECONDS);
            ScheduledFuture<?> diskWatch = disks.watch(live, home, directory, scheduler());
            try {
                process.waitFor();
            } finally {
                deadline.cancel(false);
                diskWatch.cancel(false);
                // what the run left behind dies with its sandbox (its PID namespace) or its cgroup (release);
                // only without both is there a process group to kill (a spawn of kill(1), ~4 ms)
                if (process.isAlive() || (!confinement.sandboxed() && confined.cgroup() == null)) {
                    live.endGroup();
                }
                confinement.release(confined);
            }
            finishCapture(reader, process);
            return disks.enforce(RunReport.interpret(live, process.exitValue(), directory, maxDataBytes, limit,
                    ticket.timeout() != null), live, home, directory, began);
        } catch (IOException e) {
            return RunResult.failed("Cannot run Python: " + e.getMessage(), live.log().text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            live.stop();
            return new RunResult(RunOutcome.STOPPED, null, "The server interrupted the run.", live.log().text(), null);
        } finally {
            if (confined != null) {
                confinement.release(confined);
            }
            RunDirectory.delete(directory);
        }
    }

    /**
     * Has a warm worker fork the run's process; its output comes through a
     * FIFO in the run directory. Empty when the worker failed before the run
     * started (the caller spawns it instead).
     */
    private Optional<RunResult> runWarm(RunTicket ticket, LiveRun live, WarmWorker worker, Path home) {
        Path directory = worker.runs().resolve(ticket.runId());
        Path output = directory.resolve("output.fifo");
        try {
            RunDirectory.prepare(directory, ticket);
            Instant began = clock.instant();
            try {
                worker.begin(directory, output, RunEnvironment.of(ticket), confinement.processLimit());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "A warm worker failed before run " + ticket.runId() + " started; it is spawned", e);
                return Optional.empty();
            }
            AtomicBoolean exited = new AtomicBoolean();
            live.attach(new RunProcess() {
                @Override
                public boolean alive() {
                    return !exited.get();
                }

                @Override
                public void kill() {
                    worker.kill();
                }
            }, WarmWorkers.WARM);
            Thread reader = threads().newThread(() -> capture(output, live));
            reader.start();
            Duration limit = limit(ticket);
            ScheduledFuture<?> deadline = scheduler().schedule(live::timeOut, limit.toMillis(), TimeUnit.MILLISECONDS);
            ScheduledFuture<?> diskWatch = disks.watch(live, home, directory, scheduler());
            int exitCode;
            try {
                exitCode = worker.awaitExit();
            } finally {
                deadline.cancel(false);
                diskWatch.cancel(false);
                exited.set(true);
            }
            finishCapture(reader, output);
            if (exitCode < 0 && !live.stopRequested() && !live.timedOut() && live.overDiskLimitBecause() == null) {
                return Optional.of(RunResult.failed("The warm worker running the script ended during the run;"
                        + " the script's next run gets a new one.", live.log().text()));
            }
            return Optional.of(disks.enforce(RunReport.interpret(live, exitCode < 0 ? 137 : exitCode, directory,
                    maxDataBytes, limit, ticket.timeout() != null), live, home, directory, began));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            live.stop();
            worker.retire();
            return Optional.of(new RunResult(RunOutcome.STOPPED, null, "The server interrupted the run.",
                    live.log().text(), null));
        } finally {
            RunDirectory.delete(directory);
            workers.give(worker);
        }
    }

    private Duration limit(RunTicket ticket) {
        return ticket.timeout() != null ? ticket.timeout() : timeout;
    }

    /** Reads a warm run's output from its FIFO until every process holding it is gone. */
    private static void capture(Path fifo, LiveRun live) {
        try (InputStream in = Files.newInputStream(fifo)) {
            LineReader.forEachLine(in, MAX_LINE_CHARS, live.log()::line);
        } catch (IOException e) {
            live.log().line("[output capture ended: " + e.getMessage() + "]");
        }
    }

    /**
     * The run's process is gone. If it died before it opened the FIFO, the
     * reader still waits to open it: a writer that comes and goes releases it.
     */
    private static void finishCapture(Thread reader, Path fifo) throws InterruptedException {
        reader.join(CAPTURE_GRACE_MILLIS / 5);
        if (reader.isAlive()) {
            try (FileChannel release = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // opened read-write, a FIFO never blocks; closing it gives a waiting reader its end of file
            } catch (IOException e) {
                // the run directory is gone: so is the reader's FIFO
            }
            reader.join(CAPTURE_GRACE_MILLIS);
        }
    }

    /** Reads the run's output until every process holding the pipe is gone. */
    private static void capture(Process process, LiveRun live) {
        try {
            LineReader.forEachLine(process.getInputStream(), MAX_LINE_CHARS, live.log()::line);
        } catch (IOException e) {
            live.log().line("[output capture ended: " + e.getMessage() + "]");
        }
    }

    /**
     * The group is dead by now, so the pipe closes at once; a process that left
     * the group on its own (setsid) may still hold it, and is not waited for.
     */
    private static void finishCapture(Thread reader, Process process) throws InterruptedException {
        reader.join(CAPTURE_GRACE_MILLIS);
        if (reader.isAlive()) {
            try {
                process.getInputStream().close();
            } catch (IOException e) {
                // the reader ends with the pipe either way
            }
        }
    }

    private Process start(RunTicket ticket, List<String> command, Path home) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        ProcessGroup.minimalEnvironment(builder, home).putAll(RunEnvironment.of(ticket));
        return builder.start();
    }

    private ScheduledExecutorService scheduler() {
        return timeoutScheduler != null ? timeoutScheduler : timers;
    }

    private ThreadFactory threads() {
        return threadFactory != null ? threadFactory : managedThreads;
    }
}
