package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.execution.boundary.RunView;
import dev.scriptexecuter.web.KeyedLazyModel;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.SortMeta;

import java.util.List;
import java.util.Map;

/** Run history, newest first, a page at a time; of one script or of all, filtered by outcome. */
public class RunsLazyModel extends KeyedLazyModel<RunView> {

    private final RunService runs;
    private final String scriptId;

    public RunsLazyModel(RunService runs, String scriptId) {
        super(RunView::id);
        this.runs = runs;
        this.scriptId = scriptId;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) runs.page(scriptId, outcome(filterBy), 0, 1).total();
    }

    @Override
    public List<RunView> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        return runs.page(scriptId, outcome(filterBy), first, Math.max(1, Math.min(pageSize, 500))).items();
    }



    private static String outcome(Map<String, FilterMeta> filterBy) {
        FilterMeta filter = filterBy.get("outcome");
        return filter == null || filter.getFilterValue() == null ? null : filter.getFilterValue().toString();
    }
}
