package dev.scriptexecuter.security.web;

import dev.scriptexecuter.security.boundary.SingleSignOn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Logging out of the dashboard. A session that logged in through the identity provider ends there too (where
 * the provider offers it: RP-initiated logout with the login's ID token), and the browser comes back to the
 * login page.
 */
@Named
@RequestScoped
public class Logout {

    @Inject
    FacesContext faces;

    @Inject
    SingleSignOn signOn;

    @Inject
    DashboardAddress dashboard;

    public void logout() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        Object idToken = external.getSessionMap().get(SingleSignOnServlet.ID_TOKEN);
        try {
            request.logout();
        } catch (ServletException e) {
            // the session is invalidated below either way
        }
        external.invalidateSession();
        if (idToken instanceof String token) {
            Optional<URI> there = signOn.logout(token, dashboard.of(request) + "/login.xhtml");
            if (there.isPresent()) {
                external.redirect(there.get().toString());
                return;
            }
        }
        external.redirect(external.getRequestContextPath() + "/login.xhtml");
    }
}
