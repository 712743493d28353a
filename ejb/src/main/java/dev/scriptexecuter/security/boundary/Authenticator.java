package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.security.control.ApiKeySecrets;
import dev.scriptexecuter.security.control.CredentialCheck;
import dev.scriptexecuter.security.control.PasswordHasher;
import dev.scriptexecuter.security.control.SignOnSettings;
import dev.scriptexecuter.security.control.Tokens;
import dev.scriptexecuter.security.control.TotpSecrets;
import dev.scriptexecuter.security.control.TwoFactorPolicy;
import dev.scriptexecuter.security.control.UserDirectory;
import dev.scriptexecuter.security.entity.ApiKey;
import dev.scriptexecuter.security.entity.User;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns what a request carries (a password, a bearer token, an API key, a
 * dashboard session) into a {@link Caller}. Used by the HTTP authentication
 * mechanism before any role is known, hence open to all; every answer is
 * checked against the current state of the account, so a disabled user or a
 * revoked key stops working at once.
 */
@Stateless
@PermitAll
public class Authenticator {

    /** The longest password anybody can have; a longer one is refused before it is hashed. */
    public static final int MAX_PASSWORD = PasswordHasher.MAX_LENGTH;

    private static final String WRONG_CREDENTIALS = "The username or password is wrong.";
    private static final String LOCAL_LOGIN_OFF = " Passwords are switched off on this server except for its"
            + " emergency administrator: log in with single sign-on.";
    public static final String WRONG_CODE = "The code is wrong or was used already.";
    /** A key's last use is written at most this often, not on every request. */
    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    CredentialCheck credentials;

    @Inject
    Tokens tokens;

    @Inject
    UserDirectory users;

    @Inject
    Clock clock;

    @Inject
    TotpSecrets totp;

    @Inject
    TwoFactorPolicy policy;

    @Inject
    AuditLog audit;

    @Inject
    SignOnSettings signOn;

    @Inject
    PasswordHasher hasher;

    @Inject
    SingleSignOn singleSignOn;

    @Resource
    SessionContext context;

    /**
     * A dashboard login's password; both outcomes go to the audit log. A right password alone logs in only an
     * account without a second factor: one with it gives its code next ({@link SecondFactorLogin}), one whose
     * role requires it and that has none enrols first.
     */
    public Optional<PasswordLogin> password(String username, String password, String address) {
        return passwordValid(username, password, address, "dashboard").map(user -> {
            PasswordLogin.Next next = user.twoFactor() ? PasswordLogin.Next.CODE
                    : policy.requiredFor(user.role()) ? PasswordLogin.Next.ENROL : PasswordLogin.Next.NONE;
            if (next == PasswordLogin.Next.NONE) {
                loggedIn(user, "dashboard", address);
            }
            return new PasswordLogin(new Caller(user.username(), user.role()), next);
        });
    }

    /**
     * A bearer token for the API, for a correct username and password, and the second factor's code when the
     * account has one (a one-time password or a recovery code, {@code code}).
     */
    public IssuedToken token(String username, String password, String code, String address, Duration lifetime) {
        User user = passwordValid(username, password, address, "API token")
                .orElseThrow(() -> RequestRejected.unauthenticated(WRONG_CREDENTIALS
                        + (signOn.localLogin() ? "" : LOCAL_LOGIN_OFF)));
        if (user.twoFactor()) {
            if (code == null || code.isBlank()) {
                throw RequestRejected.unauthenticated("This account logs in with a second factor: send \"code\", the"
                        + " one-time password its authenticator app shows now, or one of its recovery codes.")
                        .with("field", "code");
            }
            totp.lockedForCode(user);
            credentials.checkAllowed(user.username(), address); // again, under the lock: failures just counted
            if (totp.accept(user, code).isEmpty()) {
                credentials.failed(user.username(), address, "one-time code");
                audit.recordRefused(user.username(), AuditAction.LOGIN_FAILED, null,
                        "API token: wrong or reused one-time code", address);
                throw RequestRejected.unauthenticated(WRONG_CODE).with("field", "code");
            }
        } else if (policy.requiredFor(user.role())) {
            throw RequestRejected.forbidden("Your role logs in with a second factor, and this account has none yet:"
                    + " log in to the dashboard once to set it up.");
        }
        loggedIn(user, "API token", address);
        Tokens.Issued issued = tokens.issue(user.username(), user.role(), lifetime);
        return new IssuedToken(issued.token(), issued.expiresAt());
    }

    /**
     * The account, if the password is right; a wrong one is throttled and audited. With local login switched off
     * only the break-glass admin is asked for a password at all.
     */
    private Optional<User> passwordValid(String username, String password, String address, String how) {
        String actor = username == null || username.isBlank() ? "(no username)" : username.strip();
        if (!signOn.localLoginAllowed(username)) {
            // answered as a wrong password, after as long, throttled and audited the same: the answer does not
            // tell which name is the break-glass admin's
            credentials.checkAllowed(username, address);
            hasher.matchNothing(password == null ? "" : password);
            credentials.failed(username, address, "password: local login is switched off");
            audit.recordRefused(actor, AuditAction.LOGIN_FAILED, null, how + ": local login is switched off", address);
            return Optional.empty();
        }
        // throttled attempts are not recorded: the attempts that led to the throttling are, and anybody could
        // grow the log with these
        CredentialValidationResult result = credentials.check(username, password, address);
        Optional<User> user = result.getStatus() == CredentialValidationResult.Status.VALID
                ? users.enabled(result.getCallerPrincipal().getName()) : Optional.empty();
        if (user.isEmpty()) {
            audit.recordRefused(actor, AuditAction.LOGIN_FAILED, null, how + ": wrong username or password", address);
        }
        return user;
    }

    private void loggedIn(User user, String how, String address) {
        credentials.succeeded(user.username());
        audit.recordAs(user.username(), AuditAction.LOGIN, null, how, address);
    }

    /**
     * A bearer token for whoever this request was authenticated as: the dashboard's API docs page hands it to
     * Swagger UI, so that "Try it out" acts as the person logged in (the API itself never takes the session's
     * cookie). It is not a new login, hence not in the audit log.
     */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    public IssuedToken tokenForCaller(Duration lifetime) {
        Caller caller = current(context.getCallerPrincipal().getName())
                .orElseThrow(() -> RequestRejected.unauthenticated("Your account does not exist any more."));
        Tokens.Issued issued = tokens.issue(caller.username(), caller.role(), lifetime);
        return new IssuedToken(issued.token(), issued.expiresAt());
    }

    /**
     * A bearer token: one of this server's own, or an access token of the single sign-on's identity provider
     * (which may refuse, 403, a person with no role here).
     */
    public Optional<Caller> bearer(String token) {
        Optional<Tokens.Bearer> own = tokens.verify(token);
        if (own.isPresent()) {
            return current(own.get().username());
        }
        return singleSignOn.bearer(token);
    }

    public Optional<Caller> apiKey(String text) {
        return ApiKeySecrets.parse(text).flatMap(parsed -> {
            ApiKey key = em.find(ApiKey.class, parsed.keyId());
            if (key == null || !ApiKeySecrets.matches(parsed.secret(), key.secretHash())
                    || key.expiredAt(clock.instant()) || !key.owner().enabled()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USE_PRECISION))) {
                key.used(now);
            }
            return Optional.of(new Caller(key.owner().username(), key.owner().role()));
        });
    }

    /** The account as it is now: empty if it was deleted or disabled. */
    public Optional<Caller> current(String username) {
        return users.enabled(username).map(user -> new Caller(user.username(), user.role()));
    }
}
