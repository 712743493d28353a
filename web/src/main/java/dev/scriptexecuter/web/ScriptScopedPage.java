package dev.scriptexecuter.web;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.ScriptQuery;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.boundary.ScriptSummary;
import jakarta.inject.Inject;

import java.io.Serializable;
import java.util.List;

/**
 * A page about everything, or about one script ({@code ?script=id}): the
 * runs, variables and webhook pages. Holds the script's id from the request
 * parameter and its name, looked up once when the page loads.
 */
public abstract class ScriptScopedPage implements Serializable {

    /** The most scripts the script filter lists for what was typed. */
    private static final int CHOICES = 20;

    @Inject
    ScriptService scripts;

    private String scriptId;
    private String scriptName;

    /**
     * Takes the script parameter: blank means no script; a script's name is
     * looked up.
     *
     * @throws RequestRejected when the script is not there, or not the person's to see
     */
    protected void resolveScript() {
        if (scriptId != null && scriptId.isBlank()) {
            scriptId = null;
        }
        scriptName = scriptId == null ? null : scripts.find(scriptId).name();
    }

    /** The page is about everything after all (its script was not found). */
    protected void forgetScript() {
        scriptId = null;
        scriptName = null;
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

    /** The scripts whose name holds the text typed into the page's script filter (an autocomplete), by name. */
    public List<ScriptSummary> completeScript(String typed) {
        String part = typed == null ? "" : typed.strip();
        return scripts.summaries(new ScriptQuery(0, CHOICES, "name", true, part.isEmpty() ? null : part, null, null));
    }

    /** How many scripts the filter offers at once; typing more narrows them. */
    public int getChoices() {
        return CHOICES;
    }

    /** A choice's id: the filter shows choices (scripts) and, once one is chosen, its id. */
    public String idOf(Object choice) {
        return choice instanceof ScriptSummary script ? script.id() : (String) choice;
    }

    /** A choice's name: for the chosen id, the name of the script whose runs are shown. */
    public String nameOf(Object choice) {
        if (choice instanceof ScriptSummary script) {
            return script.name();
        }
        return choice != null && choice.equals(getScriptId()) ? getScriptName() : null;
    }
}
