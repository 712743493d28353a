package dev.scriptexecuter.script.web;

import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.boundary.ScriptSummary;
import dev.scriptexecuter.script.boundary.ScriptView;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import dev.scriptexecuter.web.Messages;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/**
 * The scripts page: the list, a form that adds a script from pasted code or
 * uploaded {@code main.py} / {@code trigger.py}, and run and delete buttons.
 */
@Named
@ViewScoped
public class ScriptsView implements Serializable {

    private static final String FORBIDDEN = "Your role does not allow this action.";

    @Inject
    ScriptService scripts;

    @Inject
    RunService runs;

    private ScriptsLazyModel table;
    private final ScriptForm form = new ScriptForm();

    @PostConstruct
    public void init() {
        table = new ScriptsLazyModel(scripts);
    }

    public void create() {
        try {
            ScriptView created = scripts.create(form.draft(null));
            form.clear();
            Messages.info("Script '" + created.name() + "' saved.");
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.error(FORBIDDEN);
        }
    }

    public void delete(ScriptSummary script) {
        try {
            scripts.delete(script.id());
            Messages.info("Script '" + script.name() + "' deleted.");
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.error(FORBIDDEN);
        }
    }

    public void run(ScriptSummary script, boolean force) {
        try {
            runs.request(script.id(), force);
            Messages.info((force ? "Forced run" : "Run") + " of '" + script.name() + "' started.");
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.error(FORBIDDEN);
        }
    }

    /** Pauses an active script, resumes a paused one. */
    public void toggle(ScriptSummary script) {
        try {
            scripts.setActive(script.id(), !script.active());
            Messages.info("'" + script.name() + "' " + (script.active() ? "paused." : "resumed."));
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.error(FORBIDDEN);
        }
    }


    public ScriptsLazyModel getTable() {
        return table;
    }

    public ScriptForm getForm() {
        return form;
    }
}
