package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.security.control.CredentialCheck;
import dev.scriptexecuter.security.control.TotpSecrets;
import dev.scriptexecuter.security.control.TwoFactorPolicy;
import dev.scriptexecuter.security.control.UserDirectory;
import dev.scriptexecuter.security.entity.User;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The second step of a dashboard login, for the account whose password was right a moment before (the web
 * tier keeps which one in the login's session, and calls nothing here otherwise): its one-time code or a
 * recovery code, or, where its role requires a second factor it does not have yet, its enrolment. Codes are
 * throttled with the passwords, and every outcome is audited.
 */
@Stateless
@PermitAll
public class SecondFactorLogin {

    @Inject
    UserDirectory users;

    @Inject
    TotpSecrets totp;

    @Inject
    TwoFactorPolicy policy;

    @Inject
    CredentialCheck credentials;

    @Inject
    AuditLog audit;

    /** Logged in by the code, if it is right and was not used before. */
    public Optional<Caller> code(String username, String code, String address) {
        Optional<User> user = users.enabled(username).map(totp::lockedForCode);
        credentials.checkAllowed(username, address);
        Optional<TotpSecrets.Accepted> accepted = user.flatMap(account -> totp.accept(account, code));
        if (accepted.isEmpty()) {
            refused(username, address, "dashboard: wrong or reused one-time code");
            return Optional.empty();
        }
        credentials.succeeded(username);
        String how = accepted.get() == TotpSecrets.Accepted.RECOVERY_CODE
                ? "dashboard, with a recovery code (" + totp.recoveryCodesLeft(user.get()) + " left)"
                : "dashboard, with a one-time password";
        audit.recordAs(username, AuditAction.LOGIN, null, how, address);
        return Optional.of(new Caller(user.get().username(), user.get().role()));
    }

    /** A new secret for an account that must have a second factor and has none yet. */
    public TotpEnrolment enrol(String username) {
        User user = users.enabled(username).filter(account -> !account.twoFactor())
                .orElseThrow(() -> RequestRejected.conflict("This account has a second factor already."));
        return TotpEnrolment.of(policy.issuer(), user.username(), totp.enrol(user));
    }

    /** Logged in by confirming the enrolment with a code from it; the recovery codes come with it, once. */
    public Optional<EnrolledLogin> confirm(String username, String code, String address) {
        Optional<User> user = users.enabled(username).map(totp::lockedForCode).filter(account -> !account.twoFactor());
        credentials.checkAllowed(username, address);
        if (user.isEmpty() || totp.confirm(user.get(), code).isEmpty()) {
            refused(username, address, "dashboard: wrong code while setting up a second factor");
            return Optional.empty();
        }
        User account = user.get();
        RecoveryCodes codes = new RecoveryCodes(totp.newRecoveryCodes(account));
        credentials.succeeded(username);
        audit.recordAs(username, AuditAction.TWO_FACTOR_ENABLED, Target.user(account.id(), account.username()),
                "while logging in (its role requires it)", address);
        audit.recordAs(username, AuditAction.LOGIN, null, "dashboard, with a second factor set up now", address);
        return Optional.of(new EnrolledLogin(new Caller(account.username(), account.role()), codes));
    }

    private void refused(String username, String address, String detail) {
        credentials.failed(username, address, "one-time code");
        audit.recordRefused(username, AuditAction.LOGIN_FAILED, null, detail, address);
    }
}
