package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.control.LiveRun;
import dev.scriptexecuter.execution.control.LiveRuns;
import dev.scriptexecuter.execution.control.RunLedger;
import dev.scriptexecuter.execution.control.RunLogChunks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs between the nodes sharing a database. Every second this node looks
 * for stop requests (made on any node) for its live runs and acts on them;
 * every third of {@code ses.run.lease} it renews the leases of its queued and
 * running runs, marks runs of other nodes whose lease ran out INTERRUPTED (their node
 * is down), deletes log lines shared for runs recorded finished meanwhile, and kills its own processes of runs that the database says are
 * over (another node took this node for dead, or the run was deleted).
 */
@Singleton
@Startup
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RunLeases {

    private static final Logger LOG = Logger.getLogger(RunLeases.class.getName());
    private static final long TICK_MILLIS = 1000;

    @Resource
    TimerService timerService;

    @Inject
    RunLedger ledger;

    @Inject
    LiveRuns liveRuns;

    @Inject
    RunLogChunks logChunks;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "ses.run.lease", defaultValue = "PT30S")
    Duration lease;

    private long lastRenewal;

    @PostConstruct
    void start() {
        timerService.createIntervalTimer(TICK_MILLIS, TICK_MILLIS, new TimerConfig("run-leases", false));
    }

    /** Every second: stop requests for this node's runs; every third of the lease: leases. */
    @Timeout
    void tick() {
        try {
            if (!liveRuns.ids().isEmpty()) {
                for (String asked : ledger.stopRequestedAmong(liveRuns.ids())) {
                    liveRuns.find(asked).ifPresent(LiveRun::stop);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Stop requests could not be read", e);
        }
        long now = System.nanoTime();
        if (now - lastRenewal >= Math.max(TICK_MILLIS, lease.toMillis() / 3) * 1_000_000) {
            lastRenewal = now;
            renew();
        }
    }

    private void renew() {
        try {
            var now = clock.instant();
            ledger.renewLeases(now.plus(lease));
            int interrupted = ledger.interruptExpired(now, lease);
            if (interrupted > 0) {
                LOG.warning(() -> interrupted + " run(s) of other nodes had an expired lease and were marked INTERRUPTED.");
            }
            for (String over : ledger.finishedAmong(liveRuns.ids())) {
                liveRuns.find(over).filter(LiveRun::processAlive).ifPresent(run -> {
                    LOG.warning(() -> "Run " + over + " is over in the database while its process still runs here;"
                            + " the process is killed.");
                    run.stop();
                });
            }
            logChunks.removeOfFinished();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Run leases could not be renewed", e);
        }
    }
}
