package dev.scriptexecuter.execution.control;

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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Runs one script run as a Python process: writes the run directory, starts
 * the harness in a process group of its own, captures its output line by line,
 * kills the group on timeout or stop, and reads the harness's report.
 */
@ApplicationScoped
public class HarnessProcess {

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

    /** Null in unit tests. */
    @Inject
    OutputBroadcast broadcast;

    @Inject
    Clock clock;

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

    /** Runs the harness for a run opened with {@link #open}; always unregisters it. */
    public RunResult run(RunTicket ticket, LiveRun live) {
        Path directory = workDirectory.directory("runs").resolve(ticket.runId());
        Path home = workDirectory.directory("scripts", ticket.scriptId());
        live.belongsTo(ticket.scriptId());
        RunConfinement.Confined confined = null;
        try {
            RunDirectory.prepare(directory, ticket);
            Path python = live.python() != null ? live.python() : interpreter.executable();
            confined = confinement.confine(ticket.runId(),
                    new RunConfinement.Paths(directory, home, python, files.harness()), ticket.allowNetwork());
            Process process = start(ticket, confined.command(), home);
            live.attach(process);
            Thread reader = threads().newThread(() -> capture(process, live));
            reader.start();
            Duration limit = ticket.timeout() != null ? ticket.timeout() : timeout;
            ScheduledFuture<?> deadline = scheduler().schedule(live::timeOut, limit.toMillis(), TimeUnit.MILLISECONDS);
            try {
                process.waitFor();
            } finally {
                deadline.cancel(false);
                live.endGroup();
                confinement.release(confined);
            }
            finishCapture(reader, process);
            return RunReport.interpret(live, process.exitValue(), directory, maxDataBytes, limit,
                    ticket.timeout() != null);
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
        Map<String, String> env = ProcessGroup.minimalEnvironment(builder, home);
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("SES_RUN_ID", ticket.runId());
        env.put("SES_SCRIPT_ID", ticket.scriptId());
        env.put("SES_SCRIPT_NAME", ticket.scriptName());
        return builder.start();
    }

    private ScheduledExecutorService scheduler() {
        return timeoutScheduler != null ? timeoutScheduler : timers;
    }

    private ThreadFactory threads() {
        return threadFactory != null ? threadFactory : managedThreads;
    }
}
