package dev.scriptexecuter.security.web;

import dev.scriptexecuter.security.boundary.SingleSignOn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** What the login pages offer: single sign-on's button, the password form, and why a sign-on was refused. */
@Named
@RequestScoped
public class SignOnView {

    @Inject
    SingleSignOn signOn;

    @Inject
    FacesContext faces;

    private String refusal;

    public boolean isEnabled() {
        return signOn.enabled();
    }

    public String getProviderName() {
        return signOn.providerName();
    }

    /** Passwords for everybody; when off, the form is still there, folded away, for the break-glass admin. */
    public boolean isLocalLogin() {
        return signOn.localLogin();
    }

    /** Why the last login through the identity provider was refused: shown once. */
    public String getRefusal() {
        if (refusal == null) {
            var session = faces.getExternalContext().getSessionMap();
            Object why = session.remove(SingleSignOnServlet.REFUSAL);
            refusal = why == null ? "" : why.toString();
        }
        return refusal;
    }
}
