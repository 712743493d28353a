package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.boundary.Harness;
import dev.scriptexecuter.python.boundary.HarnessLaunch;
import dev.scriptexecuter.python.boundary.HarnessLauncher;
import dev.scriptexecuter.python.boundary.PythonInterpreter;
import dev.scriptexecuter.secret.boundary.SecretMask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs one script run's harness and says how it ended: has the launcher
 * start it with the run's files, environment and limits, masks the run's
 * secrets in its log, stops it at its timeout or when it writes more than a
 * disk limit allows, and reads the harness's report.
 */
@ApplicationScoped
public class HarnessProcess {

    @Inject
    PythonInterpreter interpreter;

    @Inject
    HarnessLauncher launcher;

    @Inject
    WorkDirectory workDirectory;

    @Inject
    DiskLimits disks;

    @Inject
    Clock clock;

    @Inject
    RunWatch watch;

    @Inject
    @ConfigProperty(name = "ses.run.timeout", defaultValue = "PT1H")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "ses.script.max-data-bytes", defaultValue = "1048576")
    long maxDataBytes;

    @Inject
    @ConfigProperty(name = "ses.run.max-result-bytes", defaultValue = "262144")
    long maxResultBytes = RunReport.MAX_RESULT_BYTES;

    /**
     * Runs the harness for {@code live}, its process forked by a warm worker
     * when the run's mode is warm and one can be had, else spawned.
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
        HarnessLaunch launch = new HarnessLaunch(ticket.runId(), ticket.scriptId(), home, python,
                RunEnvironment.of(ticket), ticket.allowNetwork(), ticket.scriptPaths(), disks.largestFile(),
                ticket.runMode());
        // what the run writes to its home from now on is undone if it ends over a disk limit
        Instant began = clock.instant();
        try (Harness harness = launcher.start(launch, directory -> RunDirectory.prepare(directory, ticket),
                live.log()::line)) {
            live.attach(harness);
            return awaitEnd(ticket, live, harness, home, began);
        } catch (IOException e) {
            return RunResult.failed("Cannot run Python: " + e.getMessage(), live.log().text());
        }
    }

    /** Waits for the run's end, killing it at its timeout or over a disk limit, and interprets it. */
    private RunResult awaitEnd(RunTicket ticket, LiveRun live, Harness harness, Path home, Instant began) {
        Duration limit = ticket.timeout() != null ? ticket.timeout() : timeout;
        try {
            int exitCode;
            try (RunWatch.Watch watched = watch.watch(live, limit, home, harness.directory())) {
                exitCode = harness.awaitExit();
            }
            harness.awaitOutput();
            if (exitCode < 0 && !live.stopRequested() && !live.timedOut() && live.overDiskLimitBecause() == null) {
                return RunResult.failed("The warm worker running the script ended during the run;"
                        + " the script's next run gets a new one.", live.log().text());
            }
            return disks.enforce(RunReport.interpret(live, exitCode < 0 ? 137 : exitCode, harness.directory(),
                    maxDataBytes, maxResultBytes, limit, ticket.timeout() != null), live, home, harness.directory(), began)
                    .measured(harness.processUsage(), harness.cgroupUsage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            live.stop();
            return new RunResult(RunOutcome.STOPPED, null, "The server interrupted the run.", live.log().text(), null);
        }
    }
}
