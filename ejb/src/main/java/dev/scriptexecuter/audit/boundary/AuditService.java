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

    public AuditPage page(AuditQuery query) {
        if (query.offset() < 0 || query.limit() < 1 || query.limit() > MAX_PAGE) {
            throw RequestRejected.invalid("A page starts at 0 or later and holds 1 to " + MAX_PAGE + " entries.");
        }
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
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        TypedQuery<AuditEntry> items = em.createQuery("SELECT e FROM AuditEntry e" + where
                + " ORDER BY e.occurredAt DESC, e.id DESC", AuditEntry.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(e) FROM AuditEntry e" + where, Long.class);
        parameters.forEach((name, value) -> {
            items.setParameter(name, value);
            count.setParameter(name, value);
        });
        List<AuditEntryView> page = items.setFirstResult(query.offset()).setMaxResults(query.limit())
                .getResultStream().map(AuditEntryView::of).toList();
        return new AuditPage(page, count.getSingleResult(), query.offset(), query.limit());
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
