package dev.scriptexecuter.security.web;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.security.boundary.UserService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The account page: change your own password. */
@Named
@RequestScoped
public class AccountView {

    @Inject
    UserService users;

    @Inject
    FacesContext faces;

    private String currentPassword;
    private String newPassword;
    private String confirmation;

    public void changePassword() {
        if (newPassword == null || !newPassword.equals(confirmation)) {
            inform(FacesMessage.SEVERITY_ERROR, "The new password and its repetition differ.");
            return;
        }
        try {
            users.changeOwnPassword(currentPassword, newPassword);
            inform(FacesMessage.SEVERITY_INFO, "Your password was changed.");
        } catch (RequestRejected e) {
            inform(FacesMessage.SEVERITY_ERROR, e.getMessage());
        }
    }

    private void inform(FacesMessage.Severity severity, String text) {
        faces.addMessage(null, new FacesMessage(severity, text, null));
    }

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
