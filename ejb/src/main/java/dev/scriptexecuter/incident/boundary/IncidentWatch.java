package dev.scriptexecuter.incident.boundary;

import dev.scriptexecuter.execution.boundary.RunChanged;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.execution.entity.TriggerKind;
import dev.scriptexecuter.incident.control.IncidentLedger;
import dev.scriptexecuter.incident.control.UsualDuration;
import dev.scriptexecuter.incident.entity.Incident;
import dev.scriptexecuter.incident.entity.IncidentKind;
import dev.scriptexecuter.infrastructure.UtcColumns;
import dev.scriptexecuter.script.entity.ScheduleKind;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches every script for the trouble nobody would otherwise see, on every
 * node every {@code ses.incident.check} (each incident is opened and resolved
 * once, by {@link IncidentLedger}, whichever node sees it first):
 * <ul>
 *   <li>OVERDUE: no SUCCEEDED run for longer than the script's
 *       {@code policy.overdueAfter} (counted from its creation until it first
 *       succeeds; a paused script is not overdue); resolved by a success;</li>
 *   <li>LATE: an occurrence that had not started {@code ses.schedule.late-after}
 *       after it was due: not claimed by any node (its schedule stopped), or
 *       its run still queued or waiting, or started that late; resolved when
 *       the schedule is on time again;</li>
 *   <li>SLOW: a run still going after its script's {@code policy.warnAfter}, or
 *       after {@code ses.incident.slow-factor} times the p95 of its script's last
 *       successful runs; the run goes on (its timeout still applies); resolved
 *       when it ends.</li>
 * </ul>
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IncidentWatch {

    private static final Logger LOG = Logger.getLogger(IncidentWatch.class.getName());

    @Inject
    @ConfigProperty(name = "ses.incident.check", defaultValue = "PT10S")
    Duration checkEvery;

    @Inject
    @ConfigProperty(name = "ses.schedule.late-after", defaultValue = "PT30S")
    Duration lateAfter;

    @Inject
    @ConfigProperty(name = "ses.incident.slow-factor", defaultValue = "3")
    double slowFactor;

    /** How many of a script's last successful runs its usual duration is read from, and how many it takes. */
    @Inject
    @ConfigProperty(name = "ses.incident.slow-history", defaultValue = "20")
    int slowHistory;

    @Inject
    @ConfigProperty(name = "ses.incident.slow-min-runs", defaultValue = "5")
    int slowMinRuns;

    /** No run is slow before it has run this long, whatever its script usually takes. */
    @Inject
    @ConfigProperty(name = "ses.incident.slow-floor", defaultValue = "PT30S")
    Duration slowFloor;

    @PersistenceContext
    EntityManager em;

    @Inject
    IncidentLedger ledger;

    @Inject
    Clock clock;

    @Resource
    TimerService timers;

    private final AtomicBoolean busy = new AtomicBoolean();

    @PostConstruct
    void start() {
        timers.createIntervalTimer(checkEvery.toMillis(), checkEvery.toMillis(), new TimerConfig("incidents", false));
    }

    @Timeout
    void check() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = clock.instant();
            checkOverdue(now);
            checkLate(now);
            checkSlow(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Incidents could not be checked; trying again in " + checkEvery, e);
        } finally {
            busy.set(false);
        }
    }

    /** A run ended: its SLOW incident ends with it, and a success ends its script's OVERDUE one. */
    public void onRunFinished(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunChanged change) {
        if (!RunStatus.FINISHED.name().equals(change.status())) {
            return;
        }
        try {
            quietly(() -> ledger.resolve(change.scriptId(), IncidentKind.SLOW, change.runId(),
                    "The run ended (" + change.outcome() + ")."));
            if (RunOutcome.SUCCEEDED.name().equals(change.outcome())) {
                quietly(() -> ledger.resolve(change.scriptId(), IncidentKind.OVERDUE, null,
                        "It succeeded again (run " + change.runId() + ")."));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Incidents of run " + change.runId() + " are left to the next check", e);
        }
    }

    private void checkOverdue(Instant now) {
        List<Object[]> watched = em.createQuery("SELECT s.id, s.policy.overdueAfterSeconds, s.createdAt, s.active"
                + " FROM Script s WHERE s.policy.overdueAfterSeconds IS NOT NULL", Object[].class).getResultList();
        Set<String> stillOverdue = new HashSet<>();
        for (Object[] row : watched) {
            String scriptId = (String) row[0];
            Duration expected = Duration.ofSeconds((Long) row[1]);
            if (!(Boolean) row[3]) {
                continue;
            }
            LocalDateTime lastSuccess = em.createQuery("SELECT MAX(r.finishedAt) FROM Run r WHERE r.script.id = :id"
                    + " AND r.outcome = :succeeded", LocalDateTime.class).setParameter("id", scriptId)
                    .setParameter("succeeded", RunOutcome.SUCCEEDED).getSingleResult();
            Instant since = lastSuccess != null ? UtcColumns.instant(lastSuccess) : UtcColumns.instant((LocalDateTime) row[2]);
            if (Duration.between(since, now).compareTo(expected) > 0) {
                stillOverdue.add(scriptId);
                quietly(() -> ledger.open(scriptId, IncidentKind.OVERDUE, null, (lastSuccess == null
                        ? "No successful run since it was created at " + since : "No successful run since " + since)
                        + "; it is expected to succeed at least every " + expected + " (policy.overdueAfter)."));
            }
        }
        for (Incident open : ledger.open(IncidentKind.OVERDUE)) {
            if (!stillOverdue.contains(open.scriptId())) {
                quietly(() -> ledger.resolve(open.scriptId(), IncidentKind.OVERDUE, null,
                        "No longer overdue: it succeeded, was paused, or is no longer watched."));
            }
        }
    }

    private void checkLate(Instant now) {
        Instant cutoff = now.minus(lateAfter);
        Map<String, String> late = new HashMap<>();
        Map<String, String> lateRuns = new HashMap<>();
        em.createQuery("SELECT s.id, s.nextFireAt FROM Script s WHERE s.active = true AND s.nextFireAt < :cutoff"
                        + " AND s.schedule.kind <> :manual", Object[].class)
                .setParameter("cutoff", UtcColumns.column(cutoff)).setParameter("manual", ScheduleKind.MANUAL)
                .getResultList().forEach(row -> late.putIfAbsent((String) row[0], "The occurrence due at "
                        + UtcColumns.instant((LocalDateTime) row[1]) + " had not been started by any node " + lateAfter
                        + " later (ses.schedule.late-after)."));
        em.createQuery("SELECT r.id, r.script.id, r.scheduledFor, r.status FROM Run r WHERE r.status IN :waiting"
                        + " AND r.scheduledFor < :cutoff", Object[].class)
                .setParameter("waiting", List.of(RunStatus.WAITING, RunStatus.QUEUED))
                .setParameter("cutoff", UtcColumns.column(cutoff)).getResultList().forEach(row -> {
                    String scriptId = (String) row[1];
                    if (late.putIfAbsent(scriptId, "The run due at " + UtcColumns.instant((LocalDateTime) row[2])
                            + " was still " + row[3] + " " + lateAfter + " later (ses.schedule.late-after).") == null) {
                        lateRuns.put(scriptId, (String) row[0]);
                    }
                });
        // started, but that late: seen by the check after its start
        em.createQuery("SELECT r.id, r.script.id, r.scheduledFor, r.startedAt FROM Run r WHERE r.startedAt >= :since"
                        + " AND r.scheduledFor IS NOT NULL AND r.trigger = :scheduled", Object[].class)
                .setParameter("since", UtcColumns.column(now.minus(checkEvery.multipliedBy(2))))
                .setParameter("scheduled", TriggerKind.SCHEDULED).getResultList().forEach(row -> {
                    Instant due = UtcColumns.instant((LocalDateTime) row[2]);
                    Instant started = UtcColumns.instant((LocalDateTime) row[3]);
                    Duration lateness = Duration.between(due, started);
                    if (lateness.compareTo(lateAfter) > 0 && late.putIfAbsent((String) row[1], "The run due at " + due
                            + " started " + lateness + " late (ses.schedule.late-after is " + lateAfter + ").") == null) {
                        lateRuns.put((String) row[1], (String) row[0]);
                    }
                });
        late.forEach((scriptId, detail) -> quietly(() ->
                ledger.open(scriptId, IncidentKind.LATE, lateRuns.get(scriptId), detail)));
        for (Incident open : ledger.open(IncidentKind.LATE)) {
            if (!late.containsKey(open.scriptId())) {
                quietly(() -> ledger.resolve(open.scriptId(), IncidentKind.LATE, null,
                        "Its occurrences start on time again (or it was paused)."));
            }
        }
    }

    private void checkSlow(Instant now) {
        List<Object[]> running = em.createQuery("SELECT r.id, r.script.id, r.startedAt, r.script.policy.warnAfterSeconds"
                + " FROM Run r WHERE r.status = :running AND r.startedAt IS NOT NULL", Object[].class)
                .setParameter("running", RunStatus.RUNNING).getResultList();
        Set<String> runningIds = new HashSet<>();
        for (Object[] row : running) {
            String runId = (String) row[0];
            String scriptId = (String) row[1];
            runningIds.add(runId);
            Duration elapsed = Duration.between(UtcColumns.instant((LocalDateTime) row[2]), now);
            Long warnAfter = (Long) row[3];
            String why = null;
            if (warnAfter != null && elapsed.toSeconds() >= warnAfter) {
                why = "The run has been going for " + elapsed.withNanos(0) + ", longer than its script's policy.warnAfter ("
                        + Duration.ofSeconds(warnAfter) + "). It goes on; its timeout still applies.";
            } else if (elapsed.compareTo(slowFloor) > 0) {
                Duration usual = UsualDuration.p95(lastDurations(scriptId), slowMinRuns).orElse(null);
                if (usual != null && UsualDuration.slow(elapsed, usual, slowFactor, slowFloor)) {
                    why = "The run has been going for " + elapsed.withNanos(0) + ", more than " + slowFactor
                            + " times its script's usual " + usual + " (p95 of its last " + slowHistory
                            + " successful runs). It goes on; its timeout still applies.";
                }
            }
            if (why != null) {
                String detail = why;
                quietly(() -> ledger.open(scriptId, IncidentKind.SLOW, runId, detail));
            }
        }
        for (Incident open : ledger.open(IncidentKind.SLOW)) {
            if (open.runId() == null || !runningIds.contains(open.runId())) {
                quietly(() -> ledger.resolve(open.scriptId(), IncidentKind.SLOW, null, "The run ended."));
            }
        }
    }

    private List<Duration> lastDurations(String scriptId) {
        return em.createQuery("SELECT r.startedAt, r.finishedAt FROM Run r WHERE r.script.id = :id AND r.outcome = :ok"
                        + " AND r.startedAt IS NOT NULL ORDER BY r.queuedAt DESC", Object[].class)
                .setParameter("id", scriptId).setParameter("ok", RunOutcome.SUCCEEDED).setMaxResults(slowHistory)
                .getResultStream().map(row -> Duration.between(UtcColumns.instant((LocalDateTime) row[0]),
                        UtcColumns.instant((LocalDateTime) row[1]))).toList();
    }

    /** Another node opening or resolving the same incident at the same moment is no failure: it is done. */
    private static void quietly(Runnable change) {
        try {
            change.run();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "An incident changed on another node meanwhile", e);
        }
    }
}
