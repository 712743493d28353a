package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunQuery;
import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.execution.boundary.RunView;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.web.Messages;
import dev.scriptexecuter.web.ScriptScopedPage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runs page: every script's runs, or one script's ({@code ?script=id}), narrowed by outcome, time and a
 * text. Every filter is a parameter of the page's address, so a reload or a shared link shows the same runs.
 */
@Named
@ViewScoped
public class RunsView extends ScriptScopedPage {

    /** The choices of "started within", as the address carries them. */
    private static final Map<String, Duration> WITHIN = Map.of("PT1H", Duration.ofHours(1), "P1D",
            Duration.ofDays(1), "P7D", Duration.ofDays(7));

    @Inject
    RunService runs;

    private String outcome;
    private String within;
    private String text;
    private Instant since;
    private RunsLazyModel table;

    public void load() {
        try {
            resolveScript();
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
            forgetScript();
        }
        if (outcome != null && !getOutcomes().contains(outcome)) {
            Messages.error("There is no outcome '" + outcome + "'; runs of every outcome are shown.");
            outcome = null;
        }
        if (within != null && !WITHIN.containsKey(within)) {
            within = null;
        }
        since = within == null ? null : Instant.now().minus(WITHIN.get(within));
        table = new RunsLazyModel(runs, new RunQuery(getScriptId(), outcome, since, text));
    }

    /** The filters shown, as the query of {@code /runs-export} (the download links), without the format. */
    public String getExportQuery() {
        StringBuilder query = new StringBuilder();
        Map<String, String> filters = new java.util.LinkedHashMap<>();
        filters.put("script", getScriptId());
        filters.put("outcome", outcome);
        filters.put("since", since == null ? null : since.toString());
        filters.put("text", text);
        filters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    /** Shows the runs the filters select at an address that holds them. */
    public String filter() {
        return "/runs?faces-redirect=true&includeViewParams=true";
    }

    /** The same, for a choice made in a menu (an AJAX change that navigates). */
    public void refilter() {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getApplication().getNavigationHandler().handleNavigation(faces, null, filter());
    }

    public void stop(RunView run) {
        Messages.attempt(() -> runs.stop(run.id()), () -> "Stop of the run of '" + run.scriptName() + "' requested.");
    }

    /** Runs the script of a finished run again now, without asking its trigger (a forced run). */
    public void rerun(RunView run) {
        Messages.attempt(() -> runs.request(run.scriptId(), true),
                () -> "'" + run.scriptName() + "' runs again (forced).");
    }

    /** Statuses of runs not finished, then the outcomes of finished ones. */
    public List<String> getOutcomes() {
        return Stream.concat(Stream.of(RunStatus.WAITING, RunStatus.QUEUED, RunStatus.RUNNING).map(Enum::name),
                Stream.of(RunOutcome.values()).map(Enum::name)).toList();
    }

    /** How many runs a text search goes through at most, for the page to say so. */
    public int getSearched() {
        return RunQuery.SEARCHED;
    }

    public RunsLazyModel getTable() {
        return table;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome == null || outcome.isBlank() ? null : outcome;
    }

    public String getWithin() {
        return within;
    }

    public void setWithin(String within) {
        this.within = within == null || within.isBlank() ? null : within;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text == null || text.isBlank() ? null : text.strip();
    }
}
