package dev.scriptexecuter.security.web;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.security.boundary.SecondFactorLogin;
import dev.scriptexecuter.security.boundary.TotpEnrolment;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.Serializable;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

/**
 * The second step of a login, after a right password: the code page (a one-time password or a recovery code)
 * and the set-up page (an account whose role requires a second factor it has not got: the secret as a QR code
 * and as text, confirmed by a code). Without a pending login in the session either page goes back to the
 * login page; the code itself is checked by {@link AuthenticationMechanism}.
 */
@Named
@ViewScoped
public class SecondStepView implements Serializable {

    @Inject
    SecurityContext securityContext;

    @Inject
    SecondFactorLogin secondFactor;

    private String code;
    private TotpEnrolment enrolment;

    /** On the page's first request: back to the login page unless a login waits for this step. */
    public void check() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces.isPostback()) {
            return;
        }
        ExternalContext external = faces.getExternalContext();
        external.setResponseHeader("Cache-Control", "no-store"); // the set-up page shows the secret
        PendingLogin pending = AuthenticationMechanism.pending((HttpSession) external.getSession(false));
        String page = external.getRequestServletPath();
        if (pending == null || !pending.page().equals(page)) {
            external.redirect(external.getRequestContextPath() + "/login.xhtml");
            faces.responseComplete();
            return;
        }
        if (pending.next() == dev.scriptexecuter.security.boundary.PasswordLogin.Next.ENROL) {
            try {
                enrolment = secondFactor.enrol(pending.username());
            } catch (RequestRejected e) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            }
        }
    }

    public void submit() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        AuthenticationStatus status = securityContext.authenticate(request, (HttpServletResponse) external.getResponse(),
                withParams().newAuthentication(true).credential(new OneTimeCode(code == null ? "" : code)));
        code = null;
        switch (status) {
            // a new setup's recovery codes are shown once, on the account page
            case SUCCESS -> external.redirect(external.getRequestContextPath() + (enrolment != null
                    ? "/account.xhtml" : "/"));
            case SEND_CONTINUE -> faces.responseComplete();
            default -> {
                Object reason = request.getAttribute(AuthenticationMechanism.LOGIN_ERROR);
                faces.addMessage("login:code", new FacesMessage(FacesMessage.SEVERITY_ERROR,
                        reason == null ? "The code is wrong or was used already." : reason.toString(), null));
                faces.validationFailed();
            }
        }
    }

    public TotpEnrolment getEnrolment() {
        return enrolment;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
