package dev.scriptexecuter.execution.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries one queued run through: mark it running, run the harness, record
 * the outcome. Whatever goes wrong on the way, the run ends with an outcome.
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class.getName());

    @Inject
    RunLedger ledger;

    @Inject
    HarnessProcess harness;

    @Inject
    LiveRuns liveRuns;

    /** @return the outcome's name, or "NOT_STARTED" when the run was no longer queued */
    public String execute(String runId) {
        LiveRun live = harness.open(runId);
        try {
            var ticket = ledger.begin(runId);
            if (ticket.isEmpty()) {
                return "NOT_STARTED";
            }
            RunResult result;
            try {
                result = harness.run(ticket.get(), live);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Run " + runId + " failed inside the server", e);
                result = RunResult.failed("The server could not run the script: " + e.getMessage(), live.log().text());
            }
            ledger.complete(runId, result, ticket.get().dataVersion());
            return result.outcome().name();
        } finally {
            liveRuns.remove(runId);
        }
    }

    /** Kills the run's process if it is alive on this node; true if it was. */
    public boolean stop(String runId) {
        return liveRuns.find(runId).map(run -> {
            run.stop();
            return true;
        }).orElse(false);
    }
}
