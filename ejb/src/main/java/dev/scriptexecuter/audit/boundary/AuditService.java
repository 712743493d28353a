package dev.scriptexecuter.audit.boundary;

import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry;
import dev.scriptexecuter.infrastructure.QueryFilter;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;

/** Reading the audit log: admins only, filtered, newest first, a page at a time. */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class AuditService {

    public static final int MAX_PAGE = 500;

    @PersistenceContext
    EntityManager em;

    /** A page of the audit log, newest first, with the count of all entries the filters let through. */
    public AuditPage page(AuditQuery query) {
        return new AuditPage(entries(query), count(query), query.offset(), query.limit());
    }

    /** The page's entries alone: the dashboard's table counts once per load ({@link #count}), not per page. */
    public List<AuditEntryView> entries(AuditQuery query) {
        if (query.offset() < 0) {
            throw RequestRejected.invalid("\"offset\" must be 0 or more; it is " + query.offset() + ".")
                    .with("field", "offset");
        }
        if (query.limit() < 1 || query.limit() > MAX_PAGE) {
            throw RequestRejected.invalid("\"limit\" must be between 1 and " + MAX_PAGE + "; it is " + query.limit()
                    + ".").with("field", "limit");
        }
        QueryFilter filter = filter(query);
        return filter.bind(em.createQuery("SELECT e FROM AuditEntry e" + filter.where()
                        + " ORDER BY e.occurredAt DESC, e.seq DESC", AuditEntry.class))
                .setFirstResult(query.offset()).setMaxResults(query.limit())
                .getResultStream().map(AuditEntryView::of).toList();
    }

    /** How many entries the filters let through. */
    public long count(AuditQuery query) {
        QueryFilter filter = filter(query);
        return filter.bind(em.createQuery("SELECT COUNT(e) FROM AuditEntry e" + filter.where(), Long.class))
                .getSingleResult();
    }

    private static QueryFilter filter(AuditQuery query) {
        QueryFilter filter = QueryFilter.all();
        if (query.actor() != null && !query.actor().isBlank()) {
            filter = filter.and("e.actor = :actor", "actor", query.actor().strip());
        }
        if (query.action() != null && !query.action().isBlank()) {
            filter = filter.and("e.action = :action", "action", action(query.action()));
        }
        if (query.target() != null && !query.target().isBlank()) {
            filter = filter.and("e.targetId = :target", "target", query.target().strip());
        }
        if (query.since() != null) {
            filter = filter.and("e.occurredAt >= :since", "since", column(query.since()));
        }
        if (query.until() != null) {
            filter = filter.and("e.occurredAt < :until", "until", column(query.until()));
        }
        return filter;
    }

    private static AuditAction action(String name) {
        try {
            return AuditAction.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RequestRejected.invalid("\"action\" must be one of " + Arrays.toString(AuditAction.values())
                    + "; it is \"" + name + "\".").with("field", "action");
        }
    }
}
