package dev.scriptexecuter.audit.boundary;

import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        if (query.offset() < 0 || query.limit() < 1 || query.limit() > MAX_PAGE) {
            throw RequestRejected.invalid("A page starts at 0 or later and holds 1 to " + MAX_PAGE + " entries.");
        }
        Selection selection = selection(query);
        TypedQuery<AuditEntry> items = em.createQuery("SELECT e FROM AuditEntry e" + selection.where()
                + " ORDER BY e.occurredAt DESC, e.seq DESC", AuditEntry.class);
        selection.parameters().forEach(items::setParameter);
        return items.setFirstResult(query.offset()).setMaxResults(query.limit())
                .getResultStream().map(AuditEntryView::of).toList();
    }

    /** How many entries the filters let through. */
    public long count(AuditQuery query) {
        Selection selection = selection(query);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(e) FROM AuditEntry e" + selection.where(), Long.class);
        selection.parameters().forEach(count::setParameter);
        return count.getSingleResult();
    }

    /** The WHERE clause of the query's filters, and its parameters. */
    private record Selection(String where, Map<String, Object> parameters) {
    }

    private static Selection selection(AuditQuery query) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        if (query.actor() != null && !query.actor().isBlank()) {
            conditions.add("e.actor = :actor");
            parameters.put("actor", query.actor().strip());
        }
        if (query.action() != null && !query.action().isBlank()) {
            conditions.add("e.action = :action");
            parameters.put("action", action(query.action()));
        }
        if (query.target() != null && !query.target().isBlank()) {
            conditions.add("e.targetId = :target");
            parameters.put("target", query.target().strip());
        }
        if (query.since() != null) {
            conditions.add("e.occurredAt >= :since");
            parameters.put("since", column(query.since()));
        }
        if (query.until() != null) {
            conditions.add("e.occurredAt < :until");
            parameters.put("until", column(query.until()));
        }
        return new Selection(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), parameters);
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
