package dev.scriptexecuter.environment.web;

import dev.scriptexecuter.environment.boundary.EnvironmentService;
import dev.scriptexecuter.environment.boundary.EnvironmentView;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.web.Messages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/**
 * The environments page: every environment with its packages, state and
 * users; the install log of the one selected (a run's page links here with
 * its environment selected); rebuild and delete for admins.
 */
@Named
@ViewScoped
public class EnvironmentsView implements Serializable {

    @Inject
    EnvironmentService environments;

    private List<EnvironmentView> items = List.of();
    private String selected;
    private String log;

    public void load() {
        items = environments.list();
        if (selected != null && !selected.isBlank()) {
            show(selected);
        }
    }

    public void show(String id) {
        try {
            selected = id;
            log = environments.log(id);
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
            selected = null;
            log = null;
        }
    }

    public void rebuild(String id) {
        Messages.attempt(() -> environments.rebuild(id),
                () -> "Rebuilding " + shortId(id) + "; runs keep using the current build until the new one is ready.");
        load();
    }

    public void delete(String id) {
        if (Messages.attempt(() -> environments.delete(id), () -> "Environment " + shortId(id) + " deleted.")
                && id.equals(selected)) {
            selected = null;
            log = null;
        }
        load();
    }

    public static String shortId(String id) {
        return id == null ? "" : id.substring(0, Math.min(12, id.length()));
    }

    public String getSelectedShort() {
        return shortId(selected);
    }

    public List<EnvironmentView> getItems() {
        return items;
    }

    public String getSelected() {
        return selected;
    }

    public void setSelected(String selected) {
        this.selected = selected;
    }

    public String getLog() {
        return log;
    }
}
