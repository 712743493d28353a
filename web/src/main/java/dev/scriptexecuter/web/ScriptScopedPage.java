package dev.scriptexecuter.web;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.ScriptService;
import jakarta.inject.Inject;

import java.io.Serializable;

/**
 * A page about everything, or about one script ({@code ?script=id}): the
 * runs, variables and webhook pages. Holds the script's id from the request
 * parameter and its name, looked up once when the page loads.
 */
public abstract class ScriptScopedPage implements Serializable {

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
}
