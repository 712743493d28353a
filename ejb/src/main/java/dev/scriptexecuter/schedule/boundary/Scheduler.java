package dev.scriptexecuter.schedule.boundary;

import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.execution.control.RunLedger;
import dev.scriptexecuter.infrastructure.Node;
import dev.scriptexecuter.schedule.control.Occurrence;
import dev.scriptexecuter.schedule.control.OccurrenceClaim;
import dev.scriptexecuter.script.boundary.ScriptChanged;
import dev.scriptexecuter.script.entity.Script;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
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

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one non-persistent EJB timer per scheduled script, armed at the
 * script's next fire time as stored in the database (the database, not the
 * timer service, is the memory that survives restarts). When a timer fires,
 * the occurrence is claimed in the database first; only the winner runs it.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Scheduler {

    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());

    @Resource
    TimerService timerService;

    @PersistenceContext
    EntityManager em;

    @Inject
    OccurrenceClaim claims;

    @Inject
    RunService runs;

    @Inject
    RunLedger ledger;

    @Inject
    Node node;

    @Inject
    Clock clock;

    private final Map<String, Timer> timers = new HashMap<>();

    @PostConstruct
    void start() {
        int interrupted = ledger.interruptLeftovers();
        timerService.getTimers().forEach(Timer::cancel);
        timers.clear();
        var scheduled = em.createNamedQuery(Script.FIND_SCHEDULED, Script.class).getResultList();
        scheduled.forEach(script -> arm(script.id(), script.nextFireAt()));
        LOG.info(() -> "Scheduler started on node '" + node.name() + "': " + timers.size() + " scheduled scripts armed, "
                + interrupted + " unfinished runs of this node marked INTERRUPTED. The dashboard is at the root"
                + " of the 'Payara Micro URLs' printed when the server is ready, the REST API under /api.");
    }

    /** Re-arms a script's timer from what is now committed. */
    public void onScriptChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScriptChanged change) {
        Script script = em.find(Script.class, change.scriptId());
        arm(change.scriptId(), script == null || !script.active() ? null : script.nextFireAt());
    }

    @Timeout
    void fire(Timer timer) {
        Occurrence occurrence = (Occurrence) timer.getInfo();
        timers.remove(occurrence.scriptId(), timer);
        try {
            OccurrenceClaim.Claim claim = claims.claim(occurrence);
            if (claim.runId() != null) {
                runs.launch(claim.runId());
            }
            arm(occurrence.scriptId(), claim.next());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not claim " + occurrence + "; re-arming from the database", e);
            Script script = em.find(Script.class, occurrence.scriptId());
            arm(occurrence.scriptId(), script == null || !script.active() ? null : script.nextFireAt());
        }
    }

    /** The scripts with an armed timer on this node, and when each fires next. */
    public Map<String, Instant> armed() {
        Map<String, Instant> armed = new HashMap<>();
        timers.forEach((id, timer) -> armed.put(id, ((Occurrence) timer.getInfo()).due()));
        return armed;
    }

    private void arm(String scriptId, Instant due) {
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
