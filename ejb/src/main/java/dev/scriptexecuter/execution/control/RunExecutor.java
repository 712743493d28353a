package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.environment.boundary.Environments;
import dev.scriptexecuter.execution.entity.RunOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries one queued run to its end, in the batch job's one step: waits for a
 * free run slot on this node, marks the run running, gets its environment
 * (building it if need be), runs the harness and records the outcome.
 * Whatever goes wrong on the way, the run ends with an outcome; a result the
 * database cannot take at that moment (it is restarting, say) is written
 * again until it can, up to {@code ses.run.result-retry}, so a run that
 * finished is not lost.
 */
@ApplicationScoped
public class RunExecutor {

    /** The step's exit status when the run was no longer queued (stopped, or taken by another job). */
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
     * @return the outcome the run ended with, or {@link #NOT_STARTED} when it was no longer queued
     */
    public String run(String runId, long jobExecutionId) {
        LiveRun live = liveRuns.open(runId);
        try {
            Start start = start(runId, jobExecutionId, live);
            if (start.ticket() == null) {
                return start.endedWith();
            }
            RunTicket ticket = start.ticket();
            RunResult result;
            try {
                result = harness.run(ticket, live);
            } catch (RuntimeException e) {
                result = RunResult.failed(InternalFailure.logged(LOG, "The server could not run the script", runId, e),
                        live.log().text());
            } finally {
                liveRuns.processEnded(runId);
                live.releaseEnvironment();
            }
            record(runId, result, ticket.dataVersion(), live.mode());
            return result.outcome().name();
        } finally {
            liveRuns.remove(runId);
            admission.leave(runId);
        }
    }

    /**
     * How a run's start went: the ticket to run it with, or (ticket null) the step's exit status: the
     * outcome it ended with before its process could start (recorded), or {@link #NOT_STARTED}.
     */
    private record Start(RunTicket ticket, String endedWith) {

        static Start ended(RunOutcome outcome) {
            return new Start(null, outcome.name());
        }
    }

    /** A run slot, the run marked running, its environment. */
    private Start start(String runId, long jobExecutionId, LiveRun live) {
        boolean slot = false;
        try {
            slot = admission.awaitSlot(live);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!slot && admission.closed()) {
            ledger.abandon(runId, RunOutcome.INTERRUPTED, "The node shut down before the run got a slot.");
            return Start.ended(RunOutcome.INTERRUPTED);
        }
        if (!slot) {
            ledger.abandon(runId, RunOutcome.STOPPED, "Stopped while it waited for a free run slot.");
            return Start.ended(RunOutcome.STOPPED);
        }
        Optional<RunTicket> ticket;
        try {
            ticket = ledger.begin(runId, jobExecutionId);
        } catch (RuntimeException e) {
            // a run that cannot be marked RUNNING must not stay QUEUED with no job behind it
            record(runId, RunResult.failed(InternalFailure.logged(LOG, "The server could not start the run", runId, e),
                    null), 0, null);
            return Start.ended(RunOutcome.FAILED);
        }
        if (ticket.isEmpty()) {
            return new Start(null, NOT_STARTED);
        }
        RunResult failure;
        try {
            live.prepared(ticket.get(), environments.acquire(ticket.get().requirements(), live.stopped()));
            return new Start(ticket.get(), null);
        } catch (Environments.Unavailable e) {
            failure = new RunResult(RunOutcome.ENVIRONMENT_FAILED, null, e.getMessage(), null, null);
        } catch (InterruptedException e) {
            failure = new RunResult(RunOutcome.STOPPED, null, "Stopped while its environment was being built.",
                    null, null);
        } catch (RuntimeException e) {
            failure = new RunResult(RunOutcome.ENVIRONMENT_FAILED, null,
                    InternalFailure.logged(LOG, "The server could not prepare the environment", runId, e), null, null);
        }
        record(runId, failure, ticket.get().dataVersion(), null);
        return Start.ended(failure.outcome());
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
