package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.security.control.CredentialCheck;
import dev.scriptexecuter.security.control.TotpSecrets;
import dev.scriptexecuter.security.control.TwoFactorPolicy;
import dev.scriptexecuter.security.control.UserDirectory;
import dev.scriptexecuter.security.entity.User;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Two-factor login of one's own account: set it up (a secret for the app, confirmed by a code from it, which
 * gives ten recovery codes), move it to another app, make new recovery codes, turn it off (not where the role
 * requires it); each change to one in use is proven with a current code. An admin resets another account's (a lost phone): that account logs in
 * with its password again, and enrols at its next login where its role requires it.
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class TwoFactorService {

    private static final String CODE = "code";

    @PersistenceContext
    EntityManager em;

    @Inject
    UserDirectory users;

    @Inject
    TotpSecrets totp;

    @Inject
    TwoFactorPolicy policy;

    @Inject
    AuditLog audit;

    @Inject
    CredentialCheck credentials;

    @Resource
    SessionContext context;

    public TwoFactorStatus status() {
        User user = self();
        return new TwoFactorStatus(user.twoFactor(), user.totpEnabledAt(),
                user.twoFactor() ? totp.recoveryCodesLeft(user) : 0,
                policy.requiredFor(user.role()) && !user.external(),
                user.totpPendingSecret() != null);
    }

    /**
     * A new secret to confirm. An account that has a second factor proves it first with a current code (moving
     * to another app): a stolen session, token or API key must not be enough to replace it. The factor in use
     * stays in use until the new one is confirmed.
     */
    public TotpEnrolment enrol(String currentCode) {
        User user = self();
        if (user.external()) {
            throw RequestRejected.conflict("This account logs in through the identity provider (single sign-on):"
                    + " a second factor is set up there, not here.");
        }
        if (user.twoFactor()) {
            proven(currentCode);
        }
        return TotpEnrolment.of(policy.issuer(), user.username(), totp.enrol(user));
    }

    /** The enrolment counts from now, with ten new recovery codes (earlier ones stop working). */
    public RecoveryCodes confirm(String code) {
        User user = totp.lockedForCode(self());
        if (user.totpPendingSecret() == null) {
            throw RequestRejected.conflict("No setup waits for a code: start one first (POST /api/account/two-factor).");
        }
        if (totp.confirm(user, required(code)).isEmpty()) {
            throw RequestRejected.invalid("The code is wrong: type the six digits the app shows for this account now.")
                    .with("field", CODE);
        }
        RecoveryCodes codes = new RecoveryCodes(totp.newRecoveryCodes(user));
        audit.record(AuditAction.TWO_FACTOR_ENABLED, target(user), null);
        return codes;
    }

    public RecoveryCodes renewRecoveryCodes(String code) {
        User user = proven(code);
        RecoveryCodes codes = new RecoveryCodes(totp.newRecoveryCodes(user));
        audit.record(AuditAction.RECOVERY_CODES_RENEWED, target(user), null);
        return codes;
    }

    public void disable(String code) {
        User user = self();
        if (policy.requiredFor(user.role())) {
            throw RequestRejected.forbidden("Your role logs in with a second factor: it cannot be turned off. An admin"
                    + " can reset it if the phone is lost.");
        }
        proven(code);
        totp.remove(user);
        audit.record(AuditAction.TWO_FACTOR_DISABLED, target(user), null);
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public UserView reset(String userId) {
        User user = em.find(User.class, userId);
        if (user == null) {
            throw RequestRejected.notFound("The account " + userId + " does not exist.");
        }
        if (!user.twoFactor() && user.totpPendingSecret() == null) {
            throw RequestRejected.conflict("'" + user.username() + "' has no second factor to reset.");
        }
        totp.remove(user);
        audit.record(AuditAction.TWO_FACTOR_RESET, target(user), policy.requiredFor(user.role())
                ? "sets it up again at the next login" : "logs in with the password alone");
        return UserView.of(user);
    }

    /**
     * The caller, whose second factor the code (a one-time password or a recovery code) proves: checked one
     * at a time per account and throttled like a login's codes (a token or key holder must not guess it).
     */
    private User proven(String code) {
        User user = totp.lockedForCode(self());
        if (!user.twoFactor()) {
            throw RequestRejected.conflict("Your account has no second factor.");
        }
        credentials.checkAllowed(user.username(), null);
        if (totp.accept(user, required(code)).isEmpty()) {
            credentials.failed(user.username(), null, "one-time code to change the second factor");
            audit.recordRefused(user.username(), AuditAction.LOGIN_FAILED, target(user),
                    "wrong or reused one-time code to change the second factor", null);
            throw RequestRejected.invalid(Authenticator.WRONG_CODE).with("field", CODE);
        }
        return user;
    }

    private static String required(String code) {
        if (code == null || code.isBlank()) {
            throw RequestRejected.invalid("Send {\"code\": \"...\"}: the six digits the app shows now.")
                    .with("field", CODE);
        }
        return code;
    }

    private User self() {
        String name = context.getCallerPrincipal().getName();
        return users.byUsername(name)
                .orElseThrow(() -> RequestRejected.notFound("Your account '" + name + "' does not exist any more."));
    }

    private static Target target(User user) {
        return Target.user(user.id(), user.username());
    }
}
