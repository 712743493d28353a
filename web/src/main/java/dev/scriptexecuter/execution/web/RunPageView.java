package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.LogSoFar;
import dev.scriptexecuter.execution.boundary.RunNeighbours;
import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.execution.boundary.RunView;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.web.Messages;
import dev.scriptexecuter.web.PrettyJson;
import dev.scriptexecuter.webhook.boundary.DeliveryView;
import dev.scriptexecuter.webhook.boundary.WebhookService;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** One run: its facts, its data afterwards and its log, which keeps growing while the run runs. */
@Named
@ViewScoped
public class RunPageView implements Serializable {

    @Inject
    RunService runs;

    @Inject
    WebhookService webhooks;

    private String id;
    private RunView run;
    private List<String> logLines = List.of();
    private long printed;
    private List<DeliveryView> deliveries = List.of();
    private RunNeighbours neighbours = new RunNeighbours(null, null);
    private String startedByLabel;

    public void load() {
        try {
            run = runs.find(id);
            LogSoFar log = runs.logSoFar(id);
            logLines = log.lines();
            printed = log.printed();
            deliveries = webhooks.deliveriesOfRun(id);
            neighbours = runs.neighbours(id);
            startedByLabel = run.startedBy() == null ? null : startedBy(run.startedBy());
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
            run = null;
        }
    }

    /** The run whose chain started this one, named by its script (its id, should it be gone). */
    private String startedBy(String runId) {
        try {
            RunView by = runs.find(runId);
            return "a run of " + by.scriptName() + (by.outcome() == null ? "" : " (" + by.outcome() + ")");
        } catch (RequestRejected e) {
            return "run " + runId + " (deleted)";
        }
    }

    public String getStartedByLabel() {
        return startedByLabel;
    }

    public void stop() {
        Messages.attempt(() -> run = runs.stop(id), () -> "Stop requested.");
    }

    /** Runs the script again now, without asking its trigger (a forced run), and shows the new run. */
    public String rerun() {
        String[] again = new String[1];
        boolean started = Messages.attempt(() -> again[0] = runs.request(run.scriptId(), true).id(),
                () -> "'" + run.scriptName() + "' runs again (forced).");
        if (!started) {
            return null;
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        return "/run?faces-redirect=true&id=" + again[0];
    }

    /** The runs of the same script queued right before and after this one (ids, or null). */
    public RunNeighbours getNeighbours() {
        return neighbours;
    }

    public boolean isUnfinished() {
        return run != null && !"FINISHED".equals(run.status());
    }

    /** What the run was given, as indented JSON; null when it was given nothing. */
    public String getInput() {
        return run == null || run.input() == null ? null : PrettyJson.format(run.input());
    }

    /** What main returned, as indented JSON; null when it returned nothing (storable). */
    public String getResult() {
        return run == null || run.result() == null ? null : PrettyJson.format(run.result());
    }

    public String getDataBefore() {
        return run == null || run.dataBefore() == null ? null : PrettyJson.format(run.dataBefore());
    }

    public String getDataAfter() {
        return run == null || run.dataAfter() == null ? null : PrettyJson.format(run.dataAfter());
    }

    /** The webhook deliveries this run's end made, with their attempts. */
    public List<DeliveryView> getDeliveries() {
        return deliveries;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public RunView getRun() {
        return run;
    }

    public List<String> getLogLines() {
        return logLines;
    }

    /** How many lines the run has printed so far: where the live lines pushed to the page go on from. */
    public long getPrinted() {
        return printed;
    }
}
