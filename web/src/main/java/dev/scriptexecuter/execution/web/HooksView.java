package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.HookDraft;
import dev.scriptexecuter.execution.boundary.HookService;
import dev.scriptexecuter.execution.boundary.HookView;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.web.Messages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.PrimeFaces;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A script's trigger URLs ({@code hooks.xhtml?id=}): the list, a form that makes one, Rotate and Revoke. A
 * new token goes to {@link NewHook}, which lives for the answer that shows it, never into this page's state.
 */
@Named
@ViewScoped
public class HooksView implements Serializable {

    private static final String TOKEN_PANEL = "token";
    private static final String FOCUS_URL = "document.getElementById('hookUrl').focus();";

    @Inject
    HookService hooks;

    @Inject
    ScriptService scripts;

    @Inject
    NewHook newHook;

    private String id;
    private String scriptName;
    private List<HookView> items = List.of();
    private String name;
    private Integer perMinute;

    /** The page is not kept for Back: it may come to show a token, which must not come back with it. */
    @PostConstruct
    void open() {
        FacesContext.getCurrentInstance().getExternalContext().setResponseHeader("Cache-Control", "no-store");
    }

    /** Called by the page's view action after the id parameter is set. */
    public void load() {
        try {
            scriptName = scripts.find(id).name();
            read();
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
            scriptName = null;
        }
    }

    private void read() {
        items = hooks.list(id);
    }

    public void create() {
        String named = name == null ? "" : name.strip();
        if (Messages.attempt(() -> newHook.show(hooks.create(id, new HookDraft(name, perMinute))),
                () -> "Trigger URL '" + named + "' made.", Map.of("name", "create:name", "perMinute", "create:perMinute"))) {
            name = null;
            perMinute = null;
            shown();
        }
        read();
    }

    public void rotate(HookView hook) {
        if (Messages.attempt(() -> newHook.show(hooks.rotate(id, hook.id())),
                () -> "Trigger URL '" + hook.name() + "' has a new token; the old one is refused from now on.")) {
            shown();
        }
        read();
    }

    public void revoke(HookView hook) {
        Messages.attempt(() -> hooks.revoke(id, hook.id()),
                () -> "Trigger URL '" + hook.name() + "' revoked: calls of it are refused from now on.");
        read();
    }

    private static void shown() {
        PrimeFaces.current().ajax().update(TOKEN_PANEL);
        PrimeFaces.current().executeScript(FOCUS_URL);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getScriptName() {
        return scriptName;
    }

    public List<HookView> getItems() {
        return items;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getPerMinute() {
        return perMinute;
    }

    public void setPerMinute(Integer perMinute) {
        this.perMinute = perMinute;
    }
}
