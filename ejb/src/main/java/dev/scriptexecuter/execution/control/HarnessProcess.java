package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.control.PythonFiles;
import dev.scriptexecuter.python.control.PythonInterpreter;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one script run as a Python process: writes the run directory, starts
 * the harness in a process group of its own, captures its output line by line,
 * kills the group on timeout or stop, and reads the harness's report.
 */
@ApplicationScoped
public class HarnessProcess {

    private static final int MAX_LINE_CHARS = 16 * 1024;

    @Inject
    PythonInterpreter interpreter;

    @Inject
    PythonFiles files;

    @Inject
    WorkDirectory workDirectory;

    @Inject
    LiveRuns liveRuns;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService timers;

    ScheduledExecutorService timeoutScheduler;

    @Inject
    @ConfigProperty(name = "ses.run.timeout", defaultValue = "PT1H")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "ses.run.log-max-bytes", defaultValue = "1048576")
    long logMaxBytes;

    /** Registers a run as alive on this node before it starts, so that a stop request finds it from now on. */
    public LiveRun open(String runId) {
        LiveRun live = new LiveRun(runId, new LogCapture(clock, logMaxBytes));
        liveRuns.add(runId, live);
        return live;
    }

    /** Runs the harness for a run opened with {@link #open}; always unregisters it. */
    public RunResult run(RunTicket ticket, LiveRun live) {
        Path directory = workDirectory.directory("runs").resolve(ticket.runId());
        live.belongsTo(ticket.scriptId());
        try {
            RunDirectory.prepare(directory, ticket);
            Process process = start(ticket, directory);
            live.attach(process);
            ScheduledFuture<?> deadline = scheduler().schedule(live::timeOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                LineReader.forEachLine(process.getInputStream(), MAX_LINE_CHARS, live.log()::line);
                process.waitFor();
            } finally {
                deadline.cancel(false);
            }
            return result(live, process.exitValue(), directory);
        } catch (IOException e) {
            return RunResult.failed("Cannot run Python: " + e.getMessage(), live.log().text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            live.stop();
            return new RunResult(RunOutcome.STOPPED, null, "The server interrupted the run.", live.log().text(), null);
        } finally {
            RunDirectory.delete(directory);
        }
    }

    private Process start(RunTicket ticket, Path directory) throws IOException {
        Path home = workDirectory.directory("scripts", ticket.scriptId());
        ProcessBuilder builder = new ProcessBuilder(List.of("setsid", interpreter.executable().toString(), "-u", "-I",
                files.harness().toString(), directory.toString()))
                .directory(home.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("SES_RUN_ID", ticket.runId());
        env.put("SES_SCRIPT_ID", ticket.scriptId());
        env.put("SES_SCRIPT_NAME", ticket.scriptName());
        return builder.start();
    }

    private RunResult result(LiveRun live, int exitCode, Path directory) {
        String log = live.log().text();
        if (live.stopRequested()) {
            return new RunResult(RunOutcome.STOPPED, exitCode, "Stopped on request.", log, null);
        }
        if (live.timedOut()) {
            return new RunResult(RunOutcome.TIMED_OUT, exitCode, "The run took longer than " + timeout
                    + " (setting ses.run.timeout) and was killed.", log, null);
        }
        return RunDirectory.output(directory)
                .map(output -> reported(output, exitCode, log))
                .orElseGet(() -> new RunResult(RunOutcome.FAILED, exitCode,
                        "The Python process ended with exit code " + exitCode + " without reporting a result.", log, null));
    }

    private static RunResult reported(JsonObject output, int exitCode, String log) {
        RunOutcome outcome = RunOutcome.valueOf(output.getString("outcome", "FAILED"));
        String error = output.get("error") instanceof JsonString text ? text.getString() : null;
        boolean keepsData = outcome == RunOutcome.SUCCEEDED || outcome == RunOutcome.SKIPPED;
        String data = keepsData && output.get("data") instanceof JsonObject d ? d.toString() : null;
        return new RunResult(outcome, exitCode, error, log, data);
    }

    private ScheduledExecutorService scheduler() {
        return timeoutScheduler != null ? timeoutScheduler : timers;
    }
}
