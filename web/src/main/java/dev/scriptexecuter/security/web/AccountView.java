package dev.scriptexecuter.security.web;

import dev.scriptexecuter.security.boundary.UserService;
import jakarta.enterprise.context.RequestScoped;
import dev.scriptexecuter.web.Messages;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The account page: change your own password (a local account's). */
@Named
@RequestScoped
public class AccountView {

    @Inject
    UserService users;

    private Boolean external;
    private String currentPassword;
    private String newPassword;
    private String confirmation;

    /** Logs in through the identity provider: no password or second factor of its own here. */
    public boolean isExternal() {
        if (external == null) {
            external = users.me().external();
        }
        return external;
    }

    public void changePassword() {
        if (newPassword == null || !newPassword.equals(confirmation)) {
            Messages.error("The new password and its repetition differ.");
            return;
        }
        Messages.attempt(() -> users.changeOwnPassword(currentPassword, newPassword),
                () -> "Your password was changed.");
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
