package dev.scriptexecuter.variable.web;

import dev.scriptexecuter.infrastructure.Precondition;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.variable.boundary.VariableDraft;
import dev.scriptexecuter.variable.boundary.VariableService;
import dev.scriptexecuter.variable.boundary.VariableView;
import dev.scriptexecuter.web.CurrentUser;
import dev.scriptexecuter.web.Messages;
import dev.scriptexecuter.web.ScriptScopedPage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * The variables page: the global variables, or one script's
 * ({@code ?script=id}); a secret's value shows as dots and is never sent to
 * the browser. Admins edit global ones, editors a script's.
 */
@Named
@ViewScoped
public class VariablesView extends ScriptScopedPage {

    @Inject
    VariableService variables;

    @Inject
    CurrentUser currentUser;

    private List<VariableView> items = List.of();
    private String name;
    private String value;
    private boolean secret;

    /** Called by the page's view action after the script parameter is set. */
    public void load() {
        try {
            resolveScript();
            items = variables.list(getScriptId());
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
            items = List.of();
        }
    }

    public void save() {
        VariableDraft draft = new VariableDraft(value, secret);
        String saved = name;
        if (Messages.attempt(() -> {
            if (getScriptId() == null) {
                variables.setGlobal(saved, draft, Precondition.NONE);
            } else {
                variables.setForScript(getScriptId(), saved, draft, Precondition.NONE);
            }
        }, () -> "Saved " + saved + (secret ? " (a secret: its value is not shown again)." : "."))) {
            name = null;
            value = null;
            secret = false;
        }
        value = null;
        load();
    }

    public void delete(String variable) {
        Messages.attempt(() -> {
            if (getScriptId() == null) {
                variables.deleteGlobal(variable, Precondition.NONE);
            } else {
                variables.deleteForScript(getScriptId(), variable, Precondition.NONE);
            }
        }, () -> "Deleted " + variable + ".");
        load();
    }

    /** Whether the person may change the variables shown. */
    public boolean isEditable() {
        return getScriptId() == null ? currentUser.isAdmin() : currentUser.isEditor();
    }

    public List<VariableView> getItems() {
        return items;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public boolean isSecret() {
        return secret;
    }

    public void setSecret(boolean secret) {
        this.secret = secret;
    }
}
