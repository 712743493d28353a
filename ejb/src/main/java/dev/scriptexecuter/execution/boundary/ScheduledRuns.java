package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.control.RunAdmission;
import dev.scriptexecuter.execution.control.RunLedger;
import dev.scriptexecuter.script.entity.Script;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * What the scheduler asks of the runs: whether this node still takes runs,
 * and the run rows of the occurrences it claimed (written by the one class
 * that writes run rows, in the claim's transaction).
 */
@ApplicationScoped
public class ScheduledRuns {

    @Inject
    RunLedger ledger;

    @Inject
    RunAdmission admission;

    /** False once the node shuts down: an occurrence due now is left to another node, or to this one's restart. */
    public boolean accepting() {
        return !admission.closed();
    }

    /**
     * The rows of a schedule's occurrences, in the claim's transaction: the first is launched unless its
     * script's overlap policy says it waits or is OVERLAPPED; occurrences before {@code lateBefore} are
     * catch-ups; the {@code missed} ones are recorded MISSED with {@code missedBecause}.
     *
     * @return the run to launch now, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String record(Script script, List<Instant> due, Instant lateBefore, List<Instant> missed,
                         String missedBecause) {
        return ledger.occurrences(script, due, lateBefore, missed, missedBecause);
    }
}
