package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.execution.boundary.RunView;
import dev.scriptexecuter.web.KeyedLazyModel;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.SortMeta;

import java.time.Duration;
import java.time.Instant;
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
        return (int) Math.min(Integer.MAX_VALUE, runs.count(scriptId, outcome(filterBy), since(filterBy)));
    }

    @Override
    public List<RunView> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        // counted once per load already (count, above)
        return runs.pageUncounted(scriptId, outcome(filterBy), since(filterBy), first,
                Math.max(1, Math.min(pageSize, 500))).items();
    }

    private static String outcome(Map<String, FilterMeta> filterBy) {
        return text(filterBy.get("outcome"));
    }

    /** The time filter holds a duration back from now: PT1H, P1D, P7D. */
    private static Instant since(Map<String, FilterMeta> filterBy) {
        String back = text(filterBy.get("queuedAt"));
        return back == null || back.isBlank() ? null : Instant.now().minus(Duration.parse(back));
    }

    private static String text(FilterMeta filter) {
        return filter == null || filter.getFilterValue() == null ? null : filter.getFilterValue().toString();
    }
}
