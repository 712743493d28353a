package dev.scriptexecuter.security.web;

import dev.scriptexecuter.security.boundary.RecoveryCodes;
import dev.scriptexecuter.security.boundary.TotpEnrolment;
import dev.scriptexecuter.security.boundary.TwoFactorService;
import dev.scriptexecuter.security.boundary.TwoFactorStatus;
import dev.scriptexecuter.web.Messages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The account page's two-factor part: set it up (QR code, secret, confirming code), see it and how many recovery
 * codes are left, make new recovery codes, turn it off. Recovery codes are shown once: those just made here, or
 * those made while logging in (handed over by the session, then gone from it).
 */
@Named
@ViewScoped
public class TwoFactorView implements Serializable {

    private static final Map<String, String> CODE_FIELD = Map.of("code", "twoFactor:code");

    @Inject
    TwoFactorService twoFactor;

    private TwoFactorStatus status;
    private TotpEnrolment enrolment;
    private List<String> recoveryCodes = List.of();
    private String code;

    @PostConstruct
    void init() {
        noStore();
        status = twoFactor.status();
        HttpSession session = (HttpSession) FacesContext.getCurrentInstance().getExternalContext().getSession(false);
        if (session != null && session.getAttribute(AuthenticationMechanism.NEW_RECOVERY_CODES) instanceof RecoveryCodes made) {
            recoveryCodes = made.codes();
            session.removeAttribute(AuthenticationMechanism.NEW_RECOVERY_CODES);
        }
    }

    /** Begins a set-up; moving an existing one to another app takes a current code (in the code field). */
    public void start() {
        noStore();
        if (Messages.attempt(() -> enrolment = twoFactor.enrol(code), () -> "Scan the code, then type the six digits"
                + " the app shows.", CODE_FIELD)) {
            code = null;
        }
        recoveryCodes = List.of();
    }

    public void confirm() {
        noStore();
        if (Messages.attempt(() -> recoveryCodes = twoFactor.confirm(code).codes(),
                () -> "Two-factor login is on. Keep the recovery codes below somewhere safe: each logs in once"
                        + " without the phone, and they are not shown again.", CODE_FIELD)) {
            enrolment = null;
            refresh();
        }
    }

    public void renewRecoveryCodes() {
        noStore();
        if (Messages.attempt(() -> recoveryCodes = twoFactor.renewRecoveryCodes(code).codes(),
                () -> "New recovery codes: the earlier ones no longer work. They are not shown again.", CODE_FIELD)) {
            refresh();
        }
    }

    public void disable() {
        if (Messages.attempt(() -> twoFactor.disable(code), () -> "Two-factor login is off.", CODE_FIELD)) {
            recoveryCodes = List.of();
            refresh();
        }
    }

    /** The secret and the recovery codes this page shows are kept by no cache. */
    private static void noStore() {
        FacesContext.getCurrentInstance().getExternalContext().setResponseHeader("Cache-Control", "no-store");
    }

    private void refresh() {
        code = null;
        status = twoFactor.status();
    }

    public TwoFactorStatus getStatus() {
        return status;
    }

    public TotpEnrolment getEnrolment() {
        return enrolment;
    }

    public List<String> getRecoveryCodes() {
        return recoveryCodes;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
