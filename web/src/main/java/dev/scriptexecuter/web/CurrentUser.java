package dev.scriptexecuter.web;

import dev.scriptexecuter.infrastructure.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;

/** Who is logged in to the dashboard, what the pages may offer them, and logging out. */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    FacesContext faces;

    public String getName() {
        var principal = faces.getExternalContext().getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    public String getRole() {
        for (Role role : Role.values()) {
            if (faces.getExternalContext().isUserInRole(role.groupName())) {
                return role.groupName();
            }
        }
        return null;
    }

    /** May create, edit, delete, run and stop scripts. */
    public boolean isEditor() {
        ExternalContext external = faces.getExternalContext();
        return external.isUserInRole(Role.ADMIN_NAME) || external.isUserInRole(Role.USER_NAME);
    }

    public boolean isAdmin() {
        return faces.getExternalContext().isUserInRole(Role.ADMIN_NAME);
    }

    public void logout() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        try {
            request.logout();
        } catch (jakarta.servlet.ServletException e) {
            // the session is invalidated below either way
        }
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml");
    }
}
