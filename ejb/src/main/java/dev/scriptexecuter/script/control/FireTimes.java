package dev.scriptexecuter.script.control;

import dev.scriptexecuter.infrastructure.NativeUpdate;
import dev.scriptexecuter.infrastructure.UtcColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * A script's next fire time as the database has it now, not as the script
 * was loaded. Every node's scheduler moves it with a conditional update when
 * it claims an occurrence; a save that replans the schedule takes it over
 * here under the row's lock, so an occurrence that came due is either claimed
 * by a node or handed to the save, never neither and never both.
 */
@ApplicationScoped
public class FireTimes {

    @PersistenceContext
    EntityManager em;

    /**
     * Locks the script's row, sets its next fire time to {@code next} (null:
     * none) and gives the one it replaced: an occurrence no node has claimed
     * yet (null: none).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Instant replace(String scriptId, Instant next) {
        Object unclaimed = em.createNativeQuery("SELECT next_fire_at FROM script WHERE id = ? FOR UPDATE")
                .setParameter(1, scriptId).getSingleResult();
        NativeUpdate.execute(em, "UPDATE script SET next_fire_at = ? WHERE id = ?", UtcColumns.column(next), scriptId);
        return switch (unclaimed) {
            case null -> null;
            case LocalDateTime column -> UtcColumns.instant(column);
            case Timestamp column -> UtcColumns.instant(column.toLocalDateTime());
            default -> throw new IllegalStateException("A next fire time read as " + unclaimed.getClass());
        };
    }
}
