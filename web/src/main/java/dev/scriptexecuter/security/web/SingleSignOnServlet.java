package dev.scriptexecuter.security.web;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.security.boundary.SignOnStart;
import dev.scriptexecuter.security.boundary.SignedOn;
import dev.scriptexecuter.security.boundary.SingleSignOn;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The dashboard's single sign-on: {@code /sso/login} sends the browser to the identity provider (the state, nonce
 * and PKCE verifier stay in the session), {@code /sso/callback} is where it comes back with a code: the login is
 * completed and remembered in the session as a password login is; a refusal goes to a page that says why.
 * {@code /sso/logout} ends a session at the provider after a refusal, to log in as someone else.
 */
@WebServlet("/sso/*")
public class SingleSignOnServlet extends HttpServlet {

    static final String STARTED = "ses.signOnStarted";
    /** The ID token of the login, for ending the session at the identity provider when logging out. */
    static final String ID_TOKEN = "ses.idToken";
    /** Why a login through the identity provider was refused, for the page that says so. */
    static final String REFUSAL = "ses.signOnRefusal";
    static final String REFUSED_PAGE = "/login-refused.xhtml";
    /** How long a login at the identity provider may take before its answer is no longer taken. */
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    @Inject
    SingleSignOn signOn;

    @Inject
    DashboardAddress dashboard;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        if (!signOn.enabled()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String step = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (step) {
            case "/login" -> begin(request, response);
            case "/callback" -> callback(request, response);
            case "/logout" -> response.sendRedirect(signOn.logout(null, base(request) + "/login.xhtml")
                    .map(URI::toString).orElse(request.getContextPath() + "/login.xhtml"));
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void begin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignOnStart started;
        try {
            started = signOn.begin(base(request) + "/sso/callback");
        } catch (RequestRejected e) {
            show(request, response, e.getMessage());
            return;
        }
        request.getSession(true).setAttribute(STARTED, started);
        response.sendRedirect(started.location().toString());
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Object value = session == null ? null : session.getAttribute(STARTED);
        String state = request.getParameter("state");
        if (!(value instanceof SignOnStart started) || state == null
                || !MessageDigest.isEqual(started.state().getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            // nothing else changes: a link to this address from elsewhere must not end anybody's session
            show(request, response, "This login did not begin here, or began in another browser: log in again.");
            return;
        }
        session.removeAttribute(STARTED); // its code is taken once
        if (started.since().plus(LIFETIME).isBefore(Instant.now())) {
            refuse(request, response, "The login took too long: log in again.");
            return;
        }
        String error = request.getParameter("error");
        String code = request.getParameter("code");
        if (error != null || code == null || code.isBlank()) {
            String description = request.getParameter("error_description");
            refuse(request, response, "The identity provider did not log you in"
                    + (error == null ? "." : " (" + limited(description != null ? description : error) + ")."));
            return;
        }
        SignedOn done;
        try {
            done = signOn.complete(started, code, request.getRemoteAddr());
        } catch (RequestRejected e) {
            refuse(request, response, e.getMessage());
            return;
        } catch (EJBException e) {
            // such as the account changed by another request at the same moment
            log("A login through the identity provider failed", e);
            refuse(request, response, "The login could not be completed just now: log in again.");
            return;
        }
        // a new session: nothing of one before it (another account's, a half-done login) carries over
        session.invalidate();
        HttpSession fresh = request.getSession(true);
        fresh.setAttribute(AuthenticationMechanism.SESSION_USER, done.caller().username());
        fresh.setAttribute(ID_TOKEN, done.idToken());
        response.sendRedirect(request.getContextPath() + "/");
    }

    /** A login that came back with its state and failed: whoever was logged in before is not any more. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, String why)
            throws IOException {
        HttpSession session = request.getSession(true);
        session.removeAttribute(AuthenticationMechanism.SESSION_USER);
        session.removeAttribute(ID_TOKEN);
        show(request, response, why);
    }

    /** The page saying why, and nothing else changed. */
    private static void show(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
        request.getSession(true).setAttribute(REFUSAL, why);
        response.sendRedirect(request.getContextPath() + REFUSED_PAGE);
    }

    private String base(HttpServletRequest request) {
        return dashboard.of(request);
    }

    private static String limited(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
