package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.environment.control.Environments;
import dev.scriptexecuter.execution.entity.RunOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries one queued run through the two steps of its batch job: first wait
 * for a free run slot on this node, mark it running and get its environment
 * (building it if need be), then run the
 * harness and record the outcome. Whatever goes wrong on the way, the run ends
 * with an outcome; a result the database cannot take at that moment (it is
 * restarting, say) is written again until it can, up to
 * {@code ses.run.result-retry}, so a run that finished is not lost.
 */
@ApplicationScoped
public class RunExecutor {

    /** Exit status of the first step when the harness may run. */
    public static final String READY = "READY";
    public static final String NOT_STARTED = "NOT_STARTED";

    private static final Logger LOG = Logger.getLogger(RunExecutor.class.getName());

    @Inject
    RunLedger ledger;

    @Inject
    HarnessProcess harness;

    @Inject
    LiveRuns liveRuns;

    @Inject
    Environments environments;

    @Inject
    @ConfigProperty(name = "ses.run.result-retry", defaultValue = "PT10M")
    Duration resultRetry;

    @Inject
    RunAdmission admission;

    /**
     * @param jobExecutionId the batch job execution running it, noted on the run as it starts
     * @return {@link #READY}, {@link #NOT_STARTED} when the run was no longer queued, or the outcome it ended with
     */
    public String prepare(String runId, long jobExecutionId) {
        LiveRun live = harness.open(runId);
        boolean handedOn = false;
        boolean slot = false;
        try {
            try {
                slot = admission.awaitSlot(live);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!slot && admission.closed()) {
                ledger.abandon(runId, RunOutcome.INTERRUPTED, "The node shut down before the run got a slot.");
                return RunOutcome.INTERRUPTED.name();
            }
            if (!slot) {
                ledger.abandon(runId, RunOutcome.STOPPED, "Stopped while it waited for a free run slot.");
                return RunOutcome.STOPPED.name();
            }
            Optional<RunTicket> ticket;
            try {
                ticket = ledger.begin(runId, jobExecutionId);
            } catch (RuntimeException e) {
                // a run that cannot be marked RUNNING must not stay QUEUED with no job behind it
                LOG.log(Level.WARNING, "Run " + runId + " could not be started", e);
                record(runId, RunResult.failed("The server could not start the run: " + e, null), 0, null);
                return RunOutcome.FAILED.name();
            }
            if (ticket.isEmpty()) {
                return NOT_STARTED;
            }
            RunResult failure;
            try {
                live.prepared(ticket.get(), environments.acquire(ticket.get().requirements(), live.stopped()));
                handedOn = true;
                return READY;
            } catch (Environments.Unavailable e) {
                failure = new RunResult(RunOutcome.ENVIRONMENT_FAILED, null, e.getMessage(), null, null);
            } catch (InterruptedException e) {
                failure = new RunResult(RunOutcome.STOPPED, null, "Stopped while its environment was being built.",
                        null, null);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Run " + runId + " could not get its environment", e);
                failure = new RunResult(RunOutcome.ENVIRONMENT_FAILED, null,
                        "The server could not prepare the environment: " + e.getMessage(), null, null);
            }
            record(runId, failure, ticket.get().dataVersion(), null);
            return failure.outcome().name();
        } finally {
            if (!handedOn) {
                liveRuns.remove(runId);
                admission.leave(runId);
            }
        }
    }

    /** @return the outcome's name, or {@link #NOT_STARTED} when the first step did not hand the run on */
    public String execute(String runId) {
        Optional<LiveRun> found = liveRuns.find(runId);
        if (found.isEmpty() || found.get().ticket() == null) {
            return NOT_STARTED;
        }
        LiveRun live = found.get();
        RunTicket ticket = live.ticket();
        try {
            RunResult result;
            try {
                result = harness.run(ticket, live);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Run " + runId + " failed inside the server", e);
                result = RunResult.failed("The server could not run the script: " + e.getMessage(), live.log().text());
            }
            record(runId, result, ticket.dataVersion(), live.mode());
            return result.outcome().name();
        } finally {
            live.releaseEnvironment();
            liveRuns.remove(runId);
            admission.leave(runId);
        }
    }

    /** Writes a run's result, trying again (0.5 s, doubling to 10 s) while the database refuses it. */
    private void record(String runId, RunResult result, long dataVersion, String processMode) {
        long giveUpAt = System.nanoTime() + resultRetry.toNanos();
        long pauseMillis = 500;
        while (true) {
            try {
                ledger.complete(runId, result, dataVersion, processMode);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() - giveUpAt > 0) {
                    LOG.log(Level.SEVERE, "The result of run " + runId + " (" + result.outcome() + ") could not be"
                            + " written within ses.run.result-retry (" + resultRetry + "); it is lost", e);
                    throw e;
                }
                long pause = pauseMillis;
                LOG.warning(() -> "The result of run " + runId + " (" + result.outcome() + ") could not be written ("
                        + e + "); trying again in " + pause + " ms");
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, 10_000);
            }
        }
    }

    /** Kills the run's process if it is alive on this node (or ends its wait for an environment); true if it was. */
    public boolean stop(String runId) {
        return liveRuns.find(runId).map(run -> {
            run.stop();
            return true;
        }).orElse(false);
    }
}
