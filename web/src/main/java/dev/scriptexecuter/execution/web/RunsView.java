package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.web.Messages;
import dev.scriptexecuter.web.ScriptScopedPage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Arrays;
import java.util.List;

/** The runs page: every script's runs, or one script's ({@code ?script=id}). */
@Named
@ViewScoped
public class RunsView extends ScriptScopedPage {

    @Inject
    RunService runs;

    private RunsLazyModel table;

    public void load() {
        try {
            resolveScript();
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
            forgetScript();
        }
        table = new RunsLazyModel(runs, getScriptId());
    }

    public List<String> getOutcomes() {
        return Arrays.stream(RunOutcome.values()).map(Enum::name).toList();
    }

    public RunsLazyModel getTable() {
        return table;
    }
}
