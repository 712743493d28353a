package dev.scriptexecuter.script.boundary;

import jakarta.persistence.TypedQuery;

import java.util.Locale;
import java.util.Map;

/**
 * What the scripts list asks for: a page, sorted by one column, filtered by
 * name (contains, any case) and active flag. Unknown sort columns sort by name.
 */
public record ScriptQuery(int offset, int limit, String sortBy, boolean ascending, String nameContains,
                          Boolean active) {

    private static final Map<String, String> SORTABLE = Map.of(
            "name", "s.name",
            "active", "s.active",
            "nextRunAt", "s.nextFireAt",
            "lastOutcome", "s.lastRun.outcome",
            "lastStatus", "s.lastRun.status");

    String where() {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (hasName()) {
            where.append(" AND LOWER(s.name) LIKE :name ESCAPE '\\'");
        }
        if (active != null) {
            where.append(" AND s.active = :active");
        }
        return where.toString();
    }

    String orderBy() {
        String column = SORTABLE.getOrDefault(sortBy == null ? "name" : sortBy, "s.name");
        return " ORDER BY " + column + (ascending ? " ASC" : " DESC") + ", s.name ASC";
    }

    /** The query (of {@link #where()}) with this one's filter values set. */
    <T> TypedQuery<T> bind(TypedQuery<T> query) {
        if (hasName()) {
            query.setParameter("name", namePattern());
        }
        if (active != null) {
            query.setParameter("active", active);
        }
        return query;
    }

    boolean hasName() {
        return nameContains != null && !nameContains.isBlank();
    }

    String namePattern() {
        String escaped = nameContains.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
