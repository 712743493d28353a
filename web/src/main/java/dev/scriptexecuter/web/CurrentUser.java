package dev.scriptexecuter.web;

import dev.scriptexecuter.infrastructure.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Who is logged in to the dashboard, and what the pages may offer them. */
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
}
