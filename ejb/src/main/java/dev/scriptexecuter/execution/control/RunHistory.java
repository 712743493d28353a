package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.entity.Run;
import dev.scriptexecuter.infrastructure.QueryFilter;
import dev.scriptexecuter.infrastructure.UtcColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The history look-ups that must stay cheap with a million runs, each read
 * from an index on the queue time: where a text search stops (it reads the
 * error, which no index holds, so it goes through a bounded number of the
 * newest runs only) and the runs of the same script queued just before and
 * just after a run.
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

    /** The id of the script's run queued right before this one (ties broken by id), if any. */
    public Optional<String> before(Run run) {
        return neighbour(run, "r.queuedAt <= :queued AND (r.queuedAt < :queued OR r.id < :id)", "DESC");
    }

    /** The id of the script's run queued right after this one (ties broken by id), if any. */
    public Optional<String> after(Run run) {
        return neighbour(run, "r.queuedAt >= :queued AND (r.queuedAt > :queued OR r.id > :id)", "ASC");
    }

    private Optional<String> neighbour(Run run, String condition, String direction) {
        // the range on queuedAt alone lets the database start in the (script_id, queued_at) index
        QueryFilter filter = QueryFilter.all().and("r.script.id = :scriptId", "scriptId", run.script().id())
                .and(condition, Map.of("queued", UtcColumns.column(run.queuedAt()), "id", run.id()));
        return filter.bind(em.createQuery("SELECT r.id FROM Run r" + filter.where() + " ORDER BY r.queuedAt "
                        + direction + ", r.id " + direction, String.class))
                .setMaxResults(1).getResultStream().findFirst();
    }
}
