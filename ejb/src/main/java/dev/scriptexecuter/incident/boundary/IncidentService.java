package dev.scriptexecuter.incident.boundary;

import dev.scriptexecuter.incident.entity.Incident;
import dev.scriptexecuter.incident.entity.IncidentKind;
import dev.scriptexecuter.infrastructure.QueryFilter;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The incidents, newest first: all, or the open ones, of one script or all, of one kind. */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class IncidentService {

    public static final int MAX_LIMIT = 500;

    @PersistenceContext
    EntityManager em;

    /** A page of incidents with the total the filters select. */
    public record IncidentPage(List<IncidentView> items, long total, int offset, int limit) {
    }

    public IncidentPage list(Boolean open, String scriptId, String kind, int offset, int limit) {
        if (offset < 0) {
            throw RequestRejected.invalid("\"offset\" must be 0 or more; it is " + offset + ".").with("field", "offset");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RequestRejected.invalid("\"limit\" must be between 1 and " + MAX_LIMIT + "; it is " + limit + ".")
                    .with("field", "limit");
        }
        QueryFilter filter = QueryFilter.all();
        if (open != null) {
            filter = filter.and(open ? "i.openSlot IS NOT NULL" : "i.openSlot IS NULL", Map.of());
        }
        if (scriptId != null && !scriptId.isBlank()) {
            filter = filter.and("i.scriptId = :scriptId", "scriptId", scriptId.strip());
        }
        if (kind != null && !kind.isBlank()) {
            filter = filter.and("i.kind = :kind", "kind", kind(kind));
        }
        List<Incident> rows = filter.bind(em.createQuery("SELECT i FROM Incident i" + filter.where()
                + " ORDER BY i.openedAt DESC, i.id DESC", Incident.class)).setFirstResult(offset).setMaxResults(limit)
                .getResultList();
        long total = filter.bind(em.createQuery("SELECT COUNT(i) FROM Incident i" + filter.where(), Long.class))
                .getSingleResult();
        Map<String, String> names = new TreeMap<>();
        rows.stream().map(Incident::scriptId).distinct().forEach(id -> names.put(id, em.createQuery(
                "SELECT s.name FROM Script s WHERE s.id = :id", String.class).setParameter("id", id)
                .getResultStream().findFirst().orElse(null)));
        return new IncidentPage(rows.stream().map(i -> IncidentView.of(i, names.get(i.scriptId()))).toList(), total,
                offset, limit);
    }

    /** Open incidents by kind (every kind, 0 included), for /metrics: open, since it shows no names. */
    @PermitAll
    public Map<String, Long> openByKind() {
        Map<IncidentKind, Long> counts = new EnumMap<>(IncidentKind.class);
        Arrays.stream(IncidentKind.values()).forEach(kind -> counts.put(kind, 0L));
        em.createQuery("SELECT i.kind, COUNT(i) FROM Incident i WHERE i.openSlot IS NOT NULL GROUP BY i.kind",
                Object[].class).getResultList().forEach(row -> counts.put((IncidentKind) row[0], (Long) row[1]));
        Map<String, Long> named = new TreeMap<>();
        counts.forEach((kind, count) -> named.put(kind.name().toLowerCase(Locale.ROOT), count));
        return named;
    }

    private static IncidentKind kind(String name) {
        return Arrays.stream(IncidentKind.values()).filter(k -> k.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> RequestRejected.invalid("\"kind\" is overdue, late or slow; \"" + name
                        + "\" is none of them.").with("field", "kind"));
    }
}
