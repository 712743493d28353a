package dev.scriptexecuter.openapi;

import dev.scriptexecuter.security.boundary.Authenticator;
import dev.scriptexecuter.security.boundary.IssuedToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;

/**
 * The API docs page: Swagger UI inside the dashboard, whose "Try it out" acts
 * as the person logged in. The API takes no cookie, so the page carries a
 * short-lived bearer token of theirs, made for this page view, which Swagger UI
 * sends with each call; the page is never stored by the browser.
 */
@Named
@RequestScoped
public class ApiDocsView {

    /** As long as an idle dashboard session lasts (web.xml); a reload of the page makes a new one. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);

    @Inject
    Authenticator authenticator;

    private IssuedToken token;

    @PostConstruct
    void issue() {
        token = authenticator.tokenForCaller(TOKEN_LIFETIME);
        FacesContext.getCurrentInstance().getExternalContext().setResponseHeader("Cache-Control", "no-store");
    }

    public String getToken() {
        return token.token();
    }

    public Instant getExpiresAt() {
        return token.expiresAt();
    }
}
