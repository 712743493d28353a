package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.infrastructure.Precondition;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.security.control.PasswordHasher;
import dev.scriptexecuter.security.control.UserDirectory;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.security.entity.User;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.List;

/**
 * Accounts: admins list, create, change and delete them; everybody reads
 * their own and changes their own password. The last enabled admin cannot be
 * removed, disabled or demoted, so the installation never locks itself out.
 */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class UserService {

    private static final String THE_ACCOUNT = "The account";
    private static final String SIGNS_IN_ELSEWHERE = "This account logs in through the identity provider (single"
            + " sign-on) and has no password here; its password is set there.";

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    UserDirectory directory;

    @Inject
    Clock clock;

    @Resource
    SessionContext context;

    @Inject
    AuditLog audit;

    public List<UserView> list() {
        return em.createNamedQuery(User.FIND_ALL, User.class).getResultStream().map(UserView::of).toList();
    }

    public UserView create(UserDraft draft) {
        if (draft == null) {
            throw RequestRejected.invalid("The request body must be an account: username, password, role.");
        }
        String username = draft.username() == null ? "" : draft.username().trim();
        if (!User.USERNAME.matcher(username).matches()) {
            throw RequestRejected.invalid("The username must be 1 to 64 letters, digits or . _ @ -.")
                    .with("field", "username");
        }
        directory.byUsernameIgnoringCase(username).ifPresent(existing -> {
            throw RequestRejected.conflict("An account named '" + existing.username() + "' exists already; usernames"
                    + " are unique whatever their case.").with("field", "username");
        });
        if (draft.role() == null) {
            throw RequestRejected.invalid("A new account needs a \"role\": admin, user or viewer.").with("field", "role");
        }
        User user = new User(username, hasher.hash(strong(draft.password(), "password")), role(draft.role(), Role.USER),
                clock.instant());
        if (Boolean.FALSE.equals(draft.enabled())) {
            user.assign(user.role(), false);
        }
        em.persist(user);
        audit.record(AuditAction.USER_CREATED, Target.user(user.id(), username),
                "role " + user.role().name().toLowerCase(java.util.Locale.ROOT) + (user.enabled() ? "" : ", disabled"));
        return UserView.of(user);
    }

    public UserView find(String id) {
        return UserView.of(load(id));
    }

    public UserView update(String id, UserDraft draft) {
        return update(id, draft, Precondition.NONE);
    }

    public UserView update(String id, UserDraft draft, Precondition precondition) {
        User user = load(id);
        precondition.check(() -> UserView.of(user), THE_ACCOUNT);
        if (draft == null) {
            throw RequestRejected.invalid("The request body must be an account: role, enabled, password.");
        }
        if (draft.username() != null && !draft.username().trim().equals(user.username())) {
            throw RequestRejected.invalid("A username cannot be changed; create a new account instead.")
                    .with("field", "username");
        }
        Role role = role(draft.role(), user.role());
        if (user.external() && role != user.role()) {
            throw RequestRejected.conflict("This account's role follows its groups at the identity provider (single"
                    + " sign-on) at every login: change them there. It can be disabled here.").with("field", "role");
        }
        boolean enabled = draft.enabled() == null ? user.enabled() : draft.enabled();
        if (user.role() == Role.ADMIN && user.enabled() && (role != Role.ADMIN || !enabled)) {
            requireAnotherAdmin();
        }
        String before = user.role() + (user.enabled() ? "" : " disabled");
        user.assign(role, enabled);
        if (draft.enabled() != null) {
            user.enabledByAdmin();
        }
        if (draft.password() != null && user.external()) {
            throw RequestRejected.conflict(SIGNS_IN_ELSEWHERE).with("field", "password");
        }
        if (draft.password() != null) {
            user.changePassword(hasher.hash(strong(draft.password(), "password")));
        }
        audit.record(AuditAction.USER_UPDATED, Target.user(user.id(), user.username()), "was " + before + ", is "
                + user.role() + (user.enabled() ? "" : " disabled") + (draft.password() != null ? "; password set" : ""));
        return UserView.of(user);
    }

    public void delete(String id, Precondition precondition) {
        User user = load(id);
        precondition.check(() -> UserView.of(user), THE_ACCOUNT);
        if (user.role() == Role.ADMIN && user.enabled()) {
            requireAnotherAdmin();
        }
        em.remove(user);
        audit.record(AuditAction.USER_DELETED, Target.user(user.id(), user.username()), null);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    public UserView me() {
        return UserView.of(self());
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    public void changeOwnPassword(String currentPassword, String newPassword) {
        User user = self();
        if (user.external()) {
            throw RequestRejected.conflict(SIGNS_IN_ELSEWHERE).with("field", "newPassword");
        }
        if (currentPassword == null || !hasher.matches(currentPassword, user.passwordHash())) {
            throw RequestRejected.invalid("The current password is wrong.").with("field", "currentPassword");
        }
        user.changePassword(hasher.hash(strong(newPassword, "newPassword")));
        audit.record(AuditAction.PASSWORD_CHANGED, Target.user(user.id(), user.username()), "own password");
    }

    private User self() {
        String name = context.getCallerPrincipal().getName();
        return directory.byUsername(name)
                .orElseThrow(() -> RequestRejected.notFound("Your account '" + name + "' does not exist any more."));
    }

    private void requireAnotherAdmin() {
        if (em.createNamedQuery(User.COUNT_ENABLED_ADMINS, Long.class).getSingleResult() <= 1) {
            throw RequestRejected.conflict("This is the last enabled admin; make another account admin first.");
        }
    }

    private static String strong(String password, String field) {
        String weakness = PasswordHasher.weakness(password);
        if (weakness != null) {
            throw RequestRejected.invalid(weakness).with("field", field);
        }
        return password;
    }

    private static Role role(String name, Role fallback) {
        if (name == null) {
            return fallback;
        }
        try {
            return Role.of(name);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.invalid(e.getMessage()).with("field", "role");
        }
    }

    private User load(String id) {
        User user = id == null ? null : em.find(User.class, id);
        if (user == null) {
            throw RequestRejected.notFound("There is no account with id '" + id + "'.");
        }
        return user;
    }
}
