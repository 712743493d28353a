package dev.scriptexecuter.execution.control;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;

import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.execution.boundary.RunsPurging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * Deletes a script's finished runs (with their logs) beyond what its
 * retention keeps, one batch per transaction, so no lock is held for long and
 * runs keep being written meanwhile. Runs that have not finished, and runs
 * an observer of {@link RunsPurging} holds back (a pending webhook delivery), are never deleted.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class RunPurge {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<RunsPurging> purging;

    /** Deletes up to {@code batch} finished runs older than the newest {@code keep}; gives how many. */
    public int beyondNewest(String scriptId, int keep, int batch) {
        List<String> ids = em.createQuery("SELECT r.id FROM Run r WHERE r.script.id = :script AND r.status = :finished"
                        // both keys descending: read backwards from the (script, queued) index, no sort of the history
                        + " ORDER BY r.queuedAt DESC, r.id DESC", String.class)
                .setParameter("script", scriptId).setParameter("finished", RunStatus.FINISHED)
                .setFirstResult(keep).setMaxResults(batch).getResultList();
        return delete(ids);
    }

    /** Deletes up to {@code batch} runs that finished before {@code cutoff}; gives how many. */
    public int finishedBefore(String scriptId, Instant cutoff, int batch) {
        List<String> ids = em.createQuery("SELECT r.id FROM Run r WHERE r.script.id = :script AND r.status = :finished"
                        + " AND r.finishedAt < :cutoff", String.class)
                .setParameter("script", scriptId).setParameter("finished", RunStatus.FINISHED)
                .setParameter("cutoff", column(cutoff)).setMaxResults(batch).getResultList();
        return delete(ids);
    }

    private int delete(List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        RunsPurging asked = new RunsPurging(ids);
        purging.fire(asked);
        List<String> released = asked.released();
        if (released.isEmpty()) {
            return 0;
        }
        return em.createQuery("DELETE FROM Run r WHERE r.id IN :ids AND r.status = :finished")
                .setParameter("ids", released).setParameter("finished", RunStatus.FINISHED).executeUpdate();
    }
}
