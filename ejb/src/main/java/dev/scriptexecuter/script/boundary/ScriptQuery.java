package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.script.entity.Script;
import dev.scriptexecuter.infrastructure.QueryFilter;

import java.util.Locale;
import java.util.Map;

/**
 * What the scripts list asks for: a page, sorted by one column, filtered by
 * name (contains, any case), active flag and a tag. Unknown sort columns sort by name.
 */
public record ScriptQuery(int offset, int limit, String sortBy, boolean ascending, String nameContains,
                          Boolean active, String tag) {

    private static final Map<String, String> SORTABLE = Map.of(
            "name", "s.name",
            "active", "s.active",
            "nextRunAt", "s.nextFireAt",
            "lastOutcome", "s.lastRun.outcome",
            "lastStatus", "s.lastRun.status");

    /** The filters, on {@code Script s}. */
    QueryFilter filter() {
        QueryFilter filter = QueryFilter.all();
        if (hasName()) {
            filter = filter.and("LOWER(s.name) LIKE :name ESCAPE '\\'", "name", namePattern());
        }
        if (active != null) {
            filter = filter.and("s.active = :active", "active", active);
        }
        if (tag != null && !tag.isBlank()) {
            filter = filter.and("s.tags LIKE :tag ESCAPE '\\'", "tag", Script.tagPattern(tag.strip().toLowerCase(Locale.ROOT)));
        }
        return filter;
    }

    String orderBy() {
        String column = SORTABLE.getOrDefault(sortBy == null ? "name" : sortBy, "s.name");
        return " ORDER BY " + column + (ascending ? " ASC" : " DESC") + ", s.name ASC";
    }

    private boolean hasName() {
        return nameContains != null && !nameContains.isBlank();
    }

    private String namePattern() {
        String escaped = nameContains.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
