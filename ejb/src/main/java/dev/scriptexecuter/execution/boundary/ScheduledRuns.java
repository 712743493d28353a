package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.environment.boundary.Environments;
import dev.scriptexecuter.execution.control.RunAdmission;
import dev.scriptexecuter.execution.control.RunLedger;
import dev.scriptexecuter.script.entity.Script;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * What the scheduler asks of the runs: whether this node still takes runs,
 * and the run rows of the occurrences it claimed (written by the one class
 * that writes run rows, in the claim's transaction). An occurrence of a script
 * whose environment failed and waits before its next build gets no row: a
 * script due every ten seconds would otherwise add an ENVIRONMENT_FAILED run
 * every ten seconds, each saying the same. The last such run says why and
 * when the build is tried again, and the occurrence after that time runs.
 */
@ApplicationScoped
public class ScheduledRuns {

    private static final Logger LOG = Logger.getLogger(ScheduledRuns.class.getName());

    @Inject
    RunLedger ledger;

    @Inject
    RunAdmission admission;

    @Inject
    Environments environments;

    /** False once the node shuts down: an occurrence due now is left to another node, or to this one's restart. */
    public boolean accepting() {
        return !admission.closed();
    }

    /**
     * The rows of a schedule's occurrences, in the claim's transaction: the first is launched unless its
     * script's overlap policy says it waits or is OVERLAPPED; occurrences before {@code lateBefore} are
     * catch-ups; the {@code missed} ones are recorded MISSED with {@code missedBecause}. The due ones get
     * no row while the script's environment waits before its next build.
     *
     * @return the run to launch now, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String record(Script script, List<Instant> due, Instant lateBefore, List<Instant> missed,
                         String missedBecause) {
        boolean waitsForBuild = environments.backingOff(script.requirementsHash());
        if (waitsForBuild) {
            LOG.fine(() -> "Script " + script.id() + ": occurrence(s) " + due + " not run, its environment waits"
                    + " before its next build.");
        }
        return ledger.occurrences(script, waitsForBuild ? List.of() : due, lateBefore, missed, missedBecause);
    }
}
