package dev.scriptexecuter.schedule.boundary;

import dev.scriptexecuter.execution.boundary.RunRecovery;
import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.execution.boundary.ScheduledRuns;
import dev.scriptexecuter.infrastructure.Node;
import dev.scriptexecuter.infrastructure.UtcColumns;
import dev.scriptexecuter.schedule.control.Occurrence;
import dev.scriptexecuter.schedule.control.OccurrenceClaim;
import dev.scriptexecuter.script.boundary.ScriptChanged;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.entity.MisfirePolicy;
import dev.scriptexecuter.script.entity.Script;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one non-persistent EJB timer per scheduled script, armed at the
 * script's next fire time as stored in the database (the database, not the
 * timer service, is the memory that survives restarts). When a timer fires,
 * the occurrence is claimed in the database first; only the winner runs it.
 * <p>
 * Timers fire concurrently (bean-managed concurrency): claiming and starting a
 * run take database round trips, and with the container's default write lock
 * fifty scripts due in the same second were claimed one after the other, seconds late.
 * Only arming a timer is serialised.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@Startup
@DependsOn({"SchemaMigrator", "RunRecovery"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Scheduler {

    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());
    private static final String RESYNC = "resync-timers";

    @Resource
    TimerService timerService;

    @PersistenceContext
    EntityManager em;

    @Inject
    OccurrenceClaim claims;

    @Inject
    RunService runs;

    @Inject
    ScriptService scripts;

    @Inject
    ScheduledRuns scheduledRuns;

    @Inject
    RunRecovery recovery;

    @Inject
    @ConfigProperty(name = "ses.schedule.resync", defaultValue = "PT5S")
    Duration resyncEvery;

    @Inject
    Node node;

    @Inject
    Clock clock;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        int interrupted = recovery.interrupted();
        timerService.getTimers().forEach(Timer::cancel);
        timers.clear();
        var scheduled = em.createNamedQuery(Script.FIND_SCHEDULED, Script.class).getResultList();
        int skipped = 0;
        for (Script script : scheduled) {
            try {
                if (script.policy().misfire() == MisfirePolicy.SKIP && claims.skipMissed(script.id())) {
                    skipped++;
                    em.refresh(script);
                }
                arm(script.id(), script.nextFireAt());
            } catch (RuntimeException e) {
                if (!claims.pauseIfUnschedulable(script.id())) {
                    throw e;
                }
                LOG.warning(() -> "Script " + script.id() + " paused: its schedule cannot be computed.");
            }
        }
        int misfiresSkipped = skipped;
        timerService.createIntervalTimer(resyncEvery.toMillis(), resyncEvery.toMillis(), new TimerConfig(RESYNC, false));
        LOG.info(() -> "Scheduler started on node '" + node.name() + "': " + timers.size() + " scheduled scripts armed, "
                + interrupted + " unfinished runs of this node marked INTERRUPTED, missed occurrences of "
                + misfiresSkipped + " scripts skipped (their misfire policy). The dashboard is at the root"
                + " of the 'Payara Micro URLs' printed when the server is ready, the REST API under /api.");
    }

    /** Re-arms a script's timer from what is now committed. */
    public void onScriptChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScriptChanged change) {
        Script script = em.find(Script.class, change.scriptId());
        arm(change.scriptId(), script == null || !script.active() ? null : script.nextFireAt());
    }

    @Timeout
    void fire(Timer timer) {
        if (RESYNC.equals(timer.getInfo())) {
            resync();
            return;
        }
        Occurrence occurrence = (Occurrence) timer.getInfo();
        timers.remove(occurrence.scriptId(), timer);
        if (!scheduledRuns.accepting()) {
            return; // shutting down: another node claims it, or this one after its restart (misfire policy)
        }
        try {
            OccurrenceClaim.Claim claim = claims.claim(occurrence);
            if (claim.runId() != null) {
                runs.launchScheduled(claim.runId(), occurrence.scriptId());
            }
            arm(occurrence.scriptId(), claim.next());
        } catch (RuntimeException e) {
            if (claims.pauseIfUnschedulable(occurrence.scriptId())) {
                LOG.warning(() -> "Script " + occurrence.scriptId() + " paused: its schedule cannot be computed.");
                arm(occurrence.scriptId(), null);
                return;
            }
            LOG.log(Level.WARNING, "Could not claim " + occurrence + "; re-arming from the database", e);
            Script script = em.find(Script.class, occurrence.scriptId());
            arm(occurrence.scriptId(), script == null || !script.active() ? null : script.nextFireAt());
        }
    }

    /**
     * Other nodes create, change and claim scripts too, and their events stay
     * on their node: every {@code ses.schedule.resync} this node resumes the
     * scripts whose pause ended, makes the retries and chains that are due, begins
     * the runs that waited for a tag's slot, and arms (or drops) its timers from
     * the database, so that any node can take over a schedule (or a retry) when
     * another dies.
     */
    /** One step of the resync; one that fails is logged and tried again at the next. */
    private static void sweep(Runnable step, String failure) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, failure, e);
        }
    }

    private void resync() {
        // pauses that ended: resumed first, so that their next fire time is armed below
        sweep(scripts::resumeEndedPauses, "Scripts whose pause ended could not be resumed");
        // retries that came due while the node that ended their run was down (or is, now)
        sweep(runs::retryDue, "Due retries could not be made");
        // chains of runs whose node died (or failed) before it started them
        sweep(runs::chainsDue, "Due chains could not be started");
        // runs waiting for a tag's slot, given back by a node that died before it started them
        sweep(runs::tagWaitingDue, "Runs waiting for a tag's slot could not be started");
        try {
            List<Object[]> rows = em.createQuery("SELECT s.id, s.nextFireAt FROM Script s WHERE s.active = true"
                    + " AND s.schedule.kind <> dev.scriptexecuter.script.entity.ScheduleKind.MANUAL", Object[].class)
                    .getResultList();
            Set<String> scheduled = new HashSet<>();
            for (Object[] row : rows) {
                String id = (String) row[0];
                Instant next = UtcColumns.instant((LocalDateTime) row[1]);
                scheduled.add(id);
                if (!Objects.equals(armedDue(id), next)) {
                    arm(id, next);
                }
            }
            for (String id : new ArrayList<>(timers.keySet())) {
                if (!scheduled.contains(id)) {
                    arm(id, null);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Timers could not be synchronised with the database", e);
        }
    }

    private Instant armedDue(String scriptId) {
        Timer timer = timers.get(scriptId);
        try {
            return timer == null ? null : ((Occurrence) timer.getInfo()).due();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The scripts with an armed timer on this node, and when each fires next. */
    public Map<String, Instant> armed() {
        Map<String, Instant> armed = new HashMap<>();
        timers.forEach((id, timer) -> armed.put(id, ((Occurrence) timer.getInfo()).due()));
        return armed;
    }

    private synchronized void arm(String scriptId, Instant due) {
        Timer previous = timers.remove(scriptId);
        if (previous != null) {
            cancelQuietly(previous);
        }
        if (due == null) {
            return;
        }
        Instant at = due.isBefore(clock.instant()) ? clock.instant() : due;
        Timer timer = timerService.createSingleActionTimer(Date.from(at),
                new TimerConfig(new Occurrence(scriptId, due), false));
        timers.put(scriptId, timer);
    }

    private static void cancelQuietly(Timer timer) {
        try {
            timer.cancel();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Timer already gone", e);
        }
    }
}
