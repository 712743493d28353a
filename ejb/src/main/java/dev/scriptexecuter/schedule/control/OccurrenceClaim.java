package dev.scriptexecuter.schedule.control;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import dev.scriptexecuter.execution.entity.Run;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.execution.entity.TriggerKind;
import dev.scriptexecuter.infrastructure.Node;
import dev.scriptexecuter.script.entity.Script;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;

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
    Node node;

    @Inject
    Clock clock;

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
        // Native SQL: EclipseLink's JPQL bulk update would also bump the script's @Version, and a person
        // saving the script at this moment would get a needless conflict.
        var update = next == null
                ? em.createNativeQuery("UPDATE script SET next_fire_at = NULL WHERE id = ? AND next_fire_at = ?")
                        .setParameter(1, script.id()).setParameter(2, column(due))
                : em.createNativeQuery("UPDATE script SET next_fire_at = ? WHERE id = ? AND next_fire_at = ?")
                        .setParameter(1, column(next)).setParameter(2, script.id()).setParameter(3, column(due));
        int won = update.executeUpdate();
        if (won == 0) {
            return new Claim(null, currentNextFire(script.id()));
        }
        Run run = new Run(script, TriggerKind.SCHEDULED, due, node.name(), now);
        boolean previousStillRuns = em.createNamedQuery(Run.COUNT_UNFINISHED_OF_SCRIPT, Long.class)
                .setParameter("scriptId", script.id()).getSingleResult() > 0;
        if (previousStillRuns) {
            run.finish(RunOutcome.OVERLAPPED, null, "The previous run was still going when this one was due.",
                    null, null, now);
        }
        em.persist(run);
        return new Claim(previousStillRuns ? null : run.id(), next);
    }

    private Instant currentNextFire(String scriptId) {
        LocalDateTime next = em.createQuery("SELECT s.nextFireAt FROM Script s WHERE s.id = :id AND s.active = true",
                LocalDateTime.class).setParameter("id", scriptId).getResultStream().findFirst().orElse(null);
        return instant(next);
    }
}
