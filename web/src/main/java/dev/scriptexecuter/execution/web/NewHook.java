package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.HookView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;

/**
 * The trigger URL the current request made or rotated, with its token: request-scoped, so the token is in
 * the one answer that shows it, never in the page's state or the session.
 */
@Named
@RequestScoped
public class NewHook {

    @Inject
    FacesContext faces;

    private HookView made;
    private String url;

    public void show(HookView hook) {
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        made = hook;
        url = URI.create(request.getRequestURL().toString()).resolve(request.getContextPath() + "/hooks/"
                + hook.token()).toString();
        faces.getExternalContext().setResponseHeader("Cache-Control", "no-store");
    }

    /** The URL just made or rotated, or null. */
    public HookView getMade() {
        return made;
    }

    public String getUrl() {
        return url;
    }

    /** A call to paste into a shell: the body is the run's input. */
    public String getExample() {
        return "curl -X POST '" + url + "?wait=30s' -H 'Content-Type: application/json' -d '{}'";
    }
}
