package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.web.Messages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/** The runs page: every script's runs, or one script's ({@code ?script=id}). */
@Named
@ViewScoped
public class RunsView implements Serializable {

    @Inject
    RunService runs;

    @Inject
    ScriptService scripts;

    private String scriptId;
    private String scriptName;
    private RunsLazyModel table;

    public void load() {
        if (scriptId != null && !scriptId.isBlank()) {
            try {
                scriptName = scripts.find(scriptId).name();
            } catch (RequestRejected e) {
                Messages.error(e.getMessage());
                scriptId = null;
            }
        } else {
            scriptId = null;
        }
        table = new RunsLazyModel(runs, scriptId);
    }

    public List<String> getOutcomes() {
        return Arrays.stream(RunOutcome.values()).map(Enum::name).toList();
    }

    public String getScriptId() {
        return scriptId;
    }

    public void setScriptId(String scriptId) {
        this.scriptId = scriptId;
    }

    public String getScriptName() {
        return scriptName;
    }

    public RunsLazyModel getTable() {
        return table;
    }
}
