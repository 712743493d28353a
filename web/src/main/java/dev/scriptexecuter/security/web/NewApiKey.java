package dev.scriptexecuter.security.web;

import dev.scriptexecuter.security.boundary.ApiKeyView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;

/**
 * The API key the current request made, with its secret: request-scoped, so the secret is in the one answer
 * that shows it and nowhere after it, neither in the page's state nor in the session. A reload or the next
 * click on the page no longer has it.
 */
@Named
@RequestScoped
public class NewApiKey {

    @Inject
    FacesContext faces;

    private ApiKeyView created;

    public void show(ApiKeyView key) {
        created = key;
        // the answer with the secret is never stored, and the page showing it is not kept for Back either
        faces.getExternalContext().setResponseHeader("Cache-Control", "no-store");
    }

    /** The key just made, or null. */
    public ApiKeyView getCreated() {
        return created;
    }

    /** A request with the key to paste into a shell, against this server as the browser reached it. */
    public String getExample() {
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        URI scripts = URI.create(request.getRequestURL().toString()).resolve(request.getContextPath() + "/api/scripts");
        return "curl -H 'X-API-Key: " + created.key() + "' " + scripts;
    }
}
