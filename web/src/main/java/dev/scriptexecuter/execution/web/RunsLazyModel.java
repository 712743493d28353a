package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunQuery;
import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.execution.boundary.RunView;
import dev.scriptexecuter.web.KeyedLazyModel;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.SortMeta;

import java.util.List;
import java.util.Map;

/**
 * Run history, newest first, a page at a time, as the page's filters select it. The filters are the page's
 * (kept in its address), not the table's column filters, so the table's own filter map is not read.
 */
public class RunsLazyModel extends KeyedLazyModel<RunView> {

    private final RunService runs;
    private final RunQuery query;

    public RunsLazyModel(RunService runs, RunQuery query) {
        super(RunView::id);
        this.runs = runs;
        this.query = query;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, runs.count(query));
    }

    @Override
    public List<RunView> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        // counted once per load already (count, above)
        return runs.pageUncounted(query, first, Math.max(1, Math.min(pageSize, 500))).items();
    }
}
