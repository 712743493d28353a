package dev.scriptexecuter.script.web;

import dev.scriptexecuter.script.boundary.ScriptQuery;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.boundary.ScriptSummary;
import dev.scriptexecuter.web.KeyedLazyModel;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import java.util.List;
import java.util.Map;

/** The scripts table, one page at a time from the database, sorted and filtered there. */
public class ScriptsLazyModel extends KeyedLazyModel<ScriptSummary> {

    private final ScriptService scripts;

    public ScriptsLazyModel(ScriptService scripts) {
        super(ScriptSummary::id);
        this.scripts = scripts;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, scripts.countSummaries(query(0, 1, Map.of(), filterBy)));
    }

    @Override
    public List<ScriptSummary> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        return scripts.summaries(query(first, pageSize, sortBy, filterBy));
    }

    private static ScriptQuery query(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        SortMeta sort = sortBy.values().stream().findFirst().orElse(null);
        String sortField = sort == null ? "name" : sort.getField();
        boolean ascending = sort == null || sort.getOrder() != SortOrder.DESCENDING;
        return new ScriptQuery(first, Math.max(1, pageSize), sortField, ascending, text(filterBy.get("name")),
                active(filterBy.get("active")), text(filterBy.get("tags")));
    }

    private static String text(FilterMeta filter) {
        return filter == null || filter.getFilterValue() == null ? null : filter.getFilterValue().toString();
    }

    private static Boolean active(FilterMeta filter) {
        String value = text(filter);
        return value == null || value.isBlank() ? null : Boolean.valueOf(value);
    }
}
