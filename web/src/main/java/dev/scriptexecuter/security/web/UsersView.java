package dev.scriptexecuter.security.web;

import dev.scriptexecuter.infrastructure.Precondition;
import dev.scriptexecuter.security.boundary.UserDraft;
import dev.scriptexecuter.security.boundary.TwoFactorService;
import dev.scriptexecuter.security.boundary.UserService;
import dev.scriptexecuter.security.boundary.UserView;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import dev.scriptexecuter.web.Messages;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** The admins' page: list accounts, create one, change its role, enable or disable it, delete it. */
@Named
@ViewScoped
public class UsersView implements Serializable {

    @Inject
    UserService users;

    @Inject
    TwoFactorService twoFactor;

    private List<UserView> items;
    private String username;
    private String password;
    private String role = "user";

    @PostConstruct
    public void init() {
        items = users.list();
    }

    public void create() {
        attempt(() -> users.create(new UserDraft(username, password, role, true)),
                "Account '" + username + "' created.");
        username = password = null;
    }

    public void setRole(UserView user, String newRole) {
        attempt(() -> users.update(user.id(), new UserDraft(null, null, newRole, null), Precondition.matching(user)),
                "'" + user.username() + "' is now " + newRole + ".");
    }

    public void toggleEnabled(UserView user) {
        attempt(() -> users.update(user.id(), new UserDraft(null, null, null, !user.enabled()),
                        Precondition.matching(user)),
                "'" + user.username() + "' is now " + (user.enabled() ? "disabled" : "enabled") + ".");
    }

    /** The account's second factor goes (a lost phone): it logs in with its password, or sets one up again. */
    public void resetTwoFactor(UserView user) {
        attempt(() -> twoFactor.reset(user.id()), "'" + user.username() + "' has no second factor now.");
    }

    public void delete(UserView user) {
        attempt(() -> users.delete(user.id(), Precondition.matching(user)),
                "Account '" + user.username() + "' deleted.");
    }

    private void attempt(Runnable action, String success) {
        Messages.attempt(action, () -> success);
        init();
    }


    public List<UserView> getItems() {
        return items;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }
}
