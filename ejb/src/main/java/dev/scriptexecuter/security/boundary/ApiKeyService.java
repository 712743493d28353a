package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.infrastructure.IsoTimes;
import dev.scriptexecuter.infrastructure.Precondition;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.security.control.ApiKeySecrets;
import dev.scriptexecuter.security.control.UserDirectory;
import dev.scriptexecuter.security.entity.ApiKey;
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
import java.time.Instant;
import java.util.List;

/**
 * API keys for services. The secret is shown once, when the key is made, and
 * kept only as a hash; revoking deletes the key, so it stops working at once.
 * People manage their own keys; admins see and revoke everybody's and may
 * make a key that acts for another account.
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
public class ApiKeyService {

    private static final int MAX_NAME = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    UserDirectory directory;

    @Resource
    SessionContext context;

    @Inject
    AuditLog audit;

    public ApiKeyView create(ApiKeyDraft draft) {
        if (draft == null || draft.name() == null || draft.name().isBlank() || draft.name().length() > MAX_NAME
                || draft.name().chars().anyMatch(Character::isISOControl)) {
            throw RequestRejected.invalid("An API key needs a name of 1 to " + MAX_NAME
                    + " characters, without control characters.")
                    .with("field", "name");
        }
        Instant now = clock.instant();
        Instant expires = expiry(draft.expiresAt(), now);
        User owner = draft.owner() == null || draft.owner().isBlank() ? self() : ownerForAdmin(draft.owner());
        String secret = ApiKeySecrets.newSecret();
        ApiKey key = new ApiKey(owner, draft.name().strip(), ApiKeySecrets.hash(secret), expires, now);
        em.persist(key);
        audit.record(AuditAction.API_KEY_CREATED, Target.apiKey(key.id(), key.name()), "owner " + owner.username()
                + (expires == null ? ", no expiry" : ", expires " + expires));
        return ApiKeyView.of(key).withKey(ApiKeySecrets.text(key.id(), secret));
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    public List<ApiKeyView> list() {
        var query = isAdmin() ? em.createNamedQuery(ApiKey.FIND_ALL, ApiKey.class)
                : em.createNamedQuery(ApiKey.FIND_BY_OWNER, ApiKey.class).setParameter("ownerId", self().id());
        return query.getResultStream().map(ApiKeyView::of).toList();
    }

    /** One key: its owner's, or any for an admin. */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    public ApiKeyView find(String id) {
        return ApiKeyView.of(visible(id));
    }

    public void revoke(String id, Precondition precondition) {
        ApiKey key = visible(id);
        precondition.check(() -> ApiKeyView.of(key), "The API key");
        em.remove(key);
        audit.record(AuditAction.API_KEY_REVOKED, Target.apiKey(key.id(), key.name()),
                "owner " + key.owner().username());
    }

    private ApiKey visible(String id) {
        ApiKey key = id == null ? null : em.find(ApiKey.class, id);
        if (key == null || !(isAdmin() || key.owner().username().equals(callerName()))) {
            throw RequestRejected.notFound("There is no API key with id '" + id + "' of yours.");
        }
        return key;
    }

    private User ownerForAdmin(String username) {
        if (!isAdmin()) {
            throw RequestRejected.invalid("Only admins may make API keys for other accounts.").with("field", "owner");
        }
        return directory.byUsername(username)
                .orElseThrow(() -> RequestRejected.invalid("There is no account '" + username + "'.").with("field", "owner"));
    }

    private static Instant expiry(String text, Instant now) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant expires = IsoTimes.parse("expiresAt", text);
        if (!expires.isAfter(now)) {
            throw RequestRejected.invalid("\"expiresAt\" must be in the future.").with("field", "expiresAt");
        }
        return expires;
    }

    private boolean isAdmin() {
        return context.isCallerInRole(Role.ADMIN_NAME);
    }

    private String callerName() {
        return context.getCallerPrincipal().getName();
    }

    private User self() {
        return directory.byUsername(callerName())
                .orElseThrow(() -> RequestRejected.notFound("Your account does not exist any more."));
    }
}
