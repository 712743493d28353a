package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.environment.control.Environments;
import dev.scriptexecuter.execution.entity.RunOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries one queued run through the two steps of its batch job: first wait
 * for a free run slot on this node, mark it running and get its environment
 * (building it if need be), then run the
 * harness and record the outcome. Whatever goes wrong on the way, the run ends
 * with an outcome.
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
    RunAdmission admission;

    /** @return {@link #READY}, {@link #NOT_STARTED} when the run was no longer queued, or the outcome it ended with */
    public String prepare(String runId) {
        LiveRun live = harness.open(runId);
        boolean handedOn = false;
        boolean slot = false;
        try {
            try {
                slot = admission.awaitSlot(live);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!slot) {
                ledger.abandon(runId, RunOutcome.STOPPED, "Stopped while it waited for a free run slot.");
                return RunOutcome.STOPPED.name();
            }
            Optional<RunTicket> ticket = ledger.begin(runId);
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
            ledger.complete(runId, failure, ticket.get().dataVersion());
            return failure.outcome().name();
        } finally {
            if (!handedOn) {
                liveRuns.remove(runId);
                admission.leave(slot);
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
            ledger.complete(runId, result, ticket.dataVersion());
            return result.outcome().name();
        } finally {
            live.releaseEnvironment();
            liveRuns.remove(runId);
            admission.leave(true);
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
