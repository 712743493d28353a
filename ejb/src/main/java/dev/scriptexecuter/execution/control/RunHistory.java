package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.infrastructure.QueryFilter;
import dev.scriptexecuter.infrastructure.UtcColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The history look-ups that must stay cheap with a million runs, read from
 * an index on the queue time: where a text search stops (it reads the error,
 * which no index holds, so it goes through a bounded number of the newest
 * runs only).
 */
@ApplicationScoped
public class RunHistory {

    @PersistenceContext
    EntityManager em;

    /** The queue time of the {@code count}th newest run the filter selects; null when it selects fewer. */
    public Instant floor(QueryFilter filter, int count) {
        List<LocalDateTime> times = filter.bind(em.createQuery("SELECT r.queuedAt FROM Run r" + filter.where()
                        + " ORDER BY r.queuedAt DESC", LocalDateTime.class))
                .setFirstResult(count - 1).setMaxResults(1).getResultList();
        return times.isEmpty() ? null : UtcColumns.instant(times.getFirst());
    }
}
