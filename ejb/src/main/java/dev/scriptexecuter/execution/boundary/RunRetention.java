package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.execution.control.BatchRepository;
import dev.scriptexecuter.execution.control.RunPurge;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps run history within bounds: every {@code ses.retention.interval} (and
 * when an admin asks) each script's finished runs beyond its newest
 * {@code keepRuns}, and those older than {@code keepDays}, are deleted in
 * batches. A script's own policy overrides the server's defaults; 0 turns a
 * limit off. Every node purges; a batch another node deleted first is simply
 * empty. Each purge also empties the batch job repository of the job
 * executions of ended runs, so it never holds more than the runs of one
 * interval.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RunRetention {

    private static final Logger LOG = Logger.getLogger(RunRetention.class.getName());

    @Inject
    @ConfigProperty(name = "ses.retention.keep-runs", defaultValue = "1000")
    int keepRuns;

    @Inject
    @ConfigProperty(name = "ses.retention.keep-days", defaultValue = "0")
    int keepDays;

    @Inject
    @ConfigProperty(name = "ses.retention.interval", defaultValue = "PT10M")
    Duration interval;

    @Inject
    @ConfigProperty(name = "ses.retention.batch-size", defaultValue = "500")
    int batchSize;

    @PersistenceContext
    EntityManager em;

    @Inject
    RunPurge purge;

    @Inject
    BatchRepository batchRepository;

    @Inject
    Clock clock;

    @Resource
    TimerService timers;

    @Inject
    AuditLog audit;

    /**
     * What one purge did: runs deleted (of how many scripts), and job
     * executions of ended runs deleted from the batch job repository.
     */
    public record PurgeResult(int scripts, int deletedRuns, int deletedJobExecutions) {
    }

    /** A script's retention as it applies: its own, or the server's. */
    record Retention(String scriptId, int keepRuns, int keepDays) {
    }

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig(null, false));
    }

    @Timeout
    void onTimer() {
        try {
            PurgeResult result = purgeAll();
            if (result.deletedRuns() > 0 || result.deletedJobExecutions() > 0) {
                LOG.info(() -> "Retention: deleted " + result.deletedRuns() + " finished run(s) of "
                        + result.scripts() + " script(s), " + result.deletedJobExecutions()
                        + " ended job execution(s) from the job repository.");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Old runs could not be purged; trying again in " + interval, e);
        }
    }

    /** Purges now, for an admin who lowered a retention and does not want to wait. */
    @RolesAllowed(Role.ADMIN_NAME)
    public PurgeResult purgeNow() {
        PurgeResult result = purgeAll();
        audit.record(AuditAction.RUNS_PURGED, null, result.deletedRuns() + " finished run(s) of " + result.scripts()
                + " script(s)");
        return result;
    }

    private PurgeResult purgeAll() {
        Instant now = clock.instant();
        int deleted = 0;
        int scripts = 0;
        for (Retention retention : retentions()) {
            int before = deleted;
            try {
                if (retention.keepRuns() > 0) {
                    deleted += drain(() -> purge.beyondNewest(retention.scriptId(), retention.keepRuns(), batchSize));
                }
                if (retention.keepDays() > 0) {
                    Instant cutoff = now.minus(Duration.ofDays(retention.keepDays()));
                    deleted += drain(() -> purge.finishedBefore(retention.scriptId(), cutoff, batchSize));
                }
            } catch (RuntimeException e) {
                // e.g. another node deleting the same batch first: the next purge gets the rest
                LOG.log(Level.WARNING, "Old runs of script " + retention.scriptId() + " could not all be purged", e);
            }
            scripts += deleted > before ? 1 : 0;
        }
        int jobs = 0;
        try {
            jobs = drain(() -> batchRepository.purgeEnded(batchSize));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Ended job executions could not all be deleted from the job repository", e);
        }
        return new PurgeResult(scripts, deleted, jobs);
    }

    private List<Retention> retentions() {
        return em.createQuery("SELECT s.id, s.policy.keepRuns, s.policy.keepDays FROM Script s", Object[].class)
                .getResultStream()
                .map(row -> new Retention((String) row[0], row[1] == null ? keepRuns : (Integer) row[1],
                        row[2] == null ? keepDays : (Integer) row[2]))
                .filter(retention -> retention.keepRuns() > 0 || retention.keepDays() > 0)
                .toList();
    }

    private static int drain(java.util.function.IntSupplier batch) {
        int total = 0;
        int deleted;
        do {
            deleted = batch.getAsInt();
            total += deleted;
        } while (deleted > 0);
        return total;
    }
}
