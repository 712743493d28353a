package dev.scriptexecuter.schedule.control;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import dev.scriptexecuter.execution.boundary.ScheduledRuns;
import dev.scriptexecuter.infrastructure.NativeUpdate;
import dev.scriptexecuter.infrastructure.Node;
import dev.scriptexecuter.script.boundary.OccurrencesUnclaimed;
import dev.scriptexecuter.script.entity.MisfirePolicy;
import dev.scriptexecuter.script.entity.RunPolicy;
import dev.scriptexecuter.script.entity.Script;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Claims a due occurrence in the database so that exactly one node runs it:
 * a conditional update moves the script's next fire time from {@code due} to
 * the following occurrence, and only the node whose update matched records
 * the run. The unique {@code (script_id, scheduled_for)} key backs this up.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class OccurrenceClaim {

    @PersistenceContext
    EntityManager em;

    @Inject
    ScheduledRuns runs;

    @Inject
    Node node;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "ses.schedule.misfire-max", defaultValue = "100")
    int misfireMax;

    /** A due time this far in the past at start-up was missed, not just fired a little late. */
    private static final Duration MISFIRE_GRACE = Duration.ofSeconds(2);

    /**
     * What claiming gave: the run to launch (null if another node won, the
     * script is gone or inactive, or the previous run still ran) and the next
     * occurrence to arm (null if none).
     */
    public record Claim(String runId, Instant next) {
    }

    public Claim claim(Occurrence occurrence) {
        Script script = em.find(Script.class, occurrence.scriptId());
        if (script == null || !script.active()) {
            return new Claim(null, null);
        }
        Instant now = clock.instant();
        Instant due = occurrence.due();
        Instant next = script.schedule().firstAfter(now.isAfter(due) ? now : due).orElse(null);
        if (!moveNextFire(script.id(), due, next)) {
            return new Claim(null, currentNextFire(script.id()));
        }
        RunPolicy policy = script.policy();
        List<Instant> occurrences = policy.misfire() == MisfirePolicy.FIRE_ALL
                ? missedSince(script, due, now) : List.of(due);
        // every occurrence gets its row: those that passed while this one was late are recorded, not run
        List<Instant> missed = policy.misfire() == MisfirePolicy.FIRE_ALL ? List.of()
                : missedSince(script, due, now).stream().filter(at -> !at.equals(due)).toList();
        String launch = runs.record(script, occurrences, now.minus(MISFIRE_GRACE), missed,
                "Due while this node's timer for the occurrence of " + due + " fired late (at " + now
                        + "); that one was claimed, this one was not run.");
        return new Claim(launch, next);
    }

    /**
     * A save that paused a script or changed its schedule took over occurrences that had come due and
     * that no node had claimed: they get their rows, MISSED, in the save's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onUnclaimed(@Observes OccurrencesUnclaimed unclaimed) {
        Script script = em.find(Script.class, unclaimed.scriptId());
        runs.record(script, List.of(), unclaimed.until(),
                unclaimed.schedule().dueFrom(unclaimed.from(), unclaimed.until(), misfireMax), unclaimed.why());
    }

    /**
     * At start-up, for scripts whose policy skips missed occurrences: moves a
     * next fire time that passed while no server ran to the next one to come,
     * without a run; returns whether it did.
     */
    public boolean skipMissed(String scriptId) {
        Script script = em.find(Script.class, scriptId);
        Instant now = clock.instant();
        if (script == null || script.policy().misfire() != MisfirePolicy.SKIP || script.nextFireAt() == null
                || !script.nextFireAt().isBefore(now.minus(MISFIRE_GRACE))) {
            return false;
        }
        return moveNextFire(scriptId, script.nextFireAt(), script.schedule().firstAfter(now).orElse(null));
    }

    /**
     * Moves a script's next fire time from {@code from} to {@code to} (null: none) if it is still
     * {@code from}; true if this call moved it. Native SQL: EclipseLink's JPQL bulk update would also
     * bump the script's @Version, and a person saving the script at this moment would get a needless
     * conflict.
     */
    private boolean moveNextFire(String scriptId, Instant from, Instant to) {
        return NativeUpdate.execute(em, "UPDATE script SET next_fire_at = ? WHERE id = ? AND next_fire_at = ?",
                column(to), scriptId, column(from)) == 1;
    }

    /** The due occurrence and those after it up to now, at most ses.schedule.misfire-max of them (the newest). */
    private List<Instant> missedSince(Script script, Instant due, Instant now) {
        return script.schedule().dueFrom(due, now, misfireMax);
    }

    private Instant currentNextFire(String scriptId) {
        LocalDateTime next = em.createQuery("SELECT s.nextFireAt FROM Script s WHERE s.id = :id AND s.active = true",
                LocalDateTime.class).setParameter("id", scriptId).getResultStream().findFirst().orElse(null);
        return instant(next);
    }

    /**
     * A script whose schedule throws when the next occurrence is computed (a
     * schedule stored before its bounds were checked) would fail at every
     * timer: it is paused instead, with the reason on the script.
     *
     * @return whether the script was paused
     */
    public boolean pauseIfUnschedulable(String scriptId) {
        Script script = em.find(Script.class, scriptId);
        if (script == null || !script.active()) {
            return false;
        }
        try {
            script.schedule().firstAfter(clock.instant());
            return false;
        } catch (ArithmeticException | java.time.DateTimeException | IllegalArgumentException e) {
            script.pauseBecause("Paused by the server: its schedule (" + script.schedule()
                    + ") cannot be computed. Save it with another schedule to resume it.");
            script.planNextFire(null);
            return true;
        }
    }
}
