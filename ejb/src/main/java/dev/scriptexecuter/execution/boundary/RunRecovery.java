package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.control.RunLedger;
import dev.scriptexecuter.python.boundary.HarnessLauncher;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * At start-up, before any run starts on this node: the runs it left
 * unfinished when it stopped (or died) become INTERRUPTED, and what is left of
 * their processes on this work directory is killed. The scheduler starts
 * after it.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RunRecovery {

    private static final Logger LOG = Logger.getLogger(RunRecovery.class.getName());

    @Inject
    RunLedger ledger;

    @Inject
    HarnessLauncher launcher;

    private int interrupted;

    @PostConstruct
    void recover() {
        interrupted = ledger.interruptLeftovers();
        int killed = launcher.clearLeftovers();
        if (killed > 0) {
            LOG.info("Killed what was left of " + killed + " run(s) of a previous server on this work directory.");
        }
    }

    /** How many unfinished runs of this node's previous life were marked INTERRUPTED at start-up. */
    public int interrupted() {
        return interrupted;
    }
}
