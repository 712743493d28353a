package dev.scriptexecuter.security.web;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.rest.Problems;
import dev.scriptexecuter.security.boundary.Authenticator;
import dev.scriptexecuter.security.boundary.Caller;
import dev.scriptexecuter.security.boundary.EnrolledLogin;
import dev.scriptexecuter.security.boundary.PasswordLogin;
import dev.scriptexecuter.security.boundary.SecondFactorLogin;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a request proves who it is. The REST API ({@code /api/}) takes a bearer
 * token or an API key on every request and never a cookie, so it cannot be
 * driven by cross-site requests. The dashboard logs in once with a password
 * through the login page (and, for an account with a second factor, a code on
 * the page after it) and is then remembered in its HTTP session.
 */
@ApplicationScoped
public class AuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SESSION_USER = "ses.username";
    static final String LOGIN_ERROR = "ses.loginError";
    /** Recovery codes made while logging in, shown once on the account page. */
    static final String NEW_RECOVERY_CODES = "ses.newRecoveryCodes";
    /**
     * The API is closed except for these paths (and trigger URLs), decided here rather than by
     * the container's view of what is protected: Payara counts a path as
     * protected once any JAX-RS resource carries {@code @RolesAllowed}.
     */
    private static final Set<String> PUBLIC_API = Set.of("/api/auth/token");
    private static final String BEARER = "Bearer ";
    private static final Logger LOG = Logger.getLogger(AuthenticationMechanism.class.getName());

    @Inject
    Authenticator authenticator;

    @Inject
    SecondFactorLogin secondFactor;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        // this runs before any filter, and the answers sent from here (401, the way to the login page) never reach one
        SecurityHeaders.apply(response);
        if (isApi(request)) {
            return api(request, response, context);
        }
        return dashboard(request, response, context);
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        String apiKey = request.getHeader("X-API-Key");
        Optional<Caller> caller;
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            try {
                caller = authenticator.bearer(authorization.substring(BEARER.length()).trim());
            } catch (RequestRejected refused) {
                // a valid token of the identity provider for somebody with no role (or a disabled account) here
                return refused(response, context, refused);
            } catch (EJBException failed) {
                LOG.log(Level.WARNING, "A bearer token could not be checked", failed);
                return problem(response, context, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable",
                        "Service unavailable", "The token could not be checked just now; try again.");
            }
        } else if (apiKey != null) {
            caller = authenticator.apiKey(apiKey);
        } else if (PUBLIC_API.contains(path(request)) || isHook(request)) {
            return context.doNothing();
        } else {
            return unauthorized(response, context, "Authentication required: send 'Authorization: Bearer <token>'"
                    + " (from POST /api/auth/token) or 'X-API-Key: <key>'.");
        }
        return caller.map(c -> login(context, c))
                .orElseGet(() -> unauthorized(response, context, "The token or API key is invalid, expired or revoked."));
    }

    private AuthenticationStatus dashboard(HttpServletRequest request, HttpServletResponse response,
                                           HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && credential instanceof UsernamePasswordCredential password) {
            return passwordStep(request, context, password);
        }
        if (context.isAuthenticationRequest() && credential instanceof OneTimeCode code) {
            return codeStep(request, context, code);
        }
        if (!context.isProtected()) {
            // the login page and static resources: no account look-up for each stylesheet and script
            return context.doNothing();
        }
        HttpSession session = request.getSession(false);
        Object username = session == null ? null : session.getAttribute(SESSION_USER);
        if (username instanceof String name) {
            Optional<Caller> caller = authenticator.current(name);
            if (caller.isPresent()) {
                return login(context, caller.get());
            }
            session.invalidate();
        }
        return toLogin(request, response, context);
    }

    /**
     * The password: it logs in an account without a second factor; one with it (or one that must set it up)
     * is remembered as a pending login and sent to the page of its next step.
     */
    private AuthenticationStatus passwordStep(HttpServletRequest request, HttpMessageContext context,
                                              UsernamePasswordCredential password) {
        Optional<PasswordLogin> login;
        try {
            login = authenticator.password(password.getCaller(), password.getPasswordAsString(), request.getRemoteAddr());
        } catch (RequestRejected throttled) {
            request.setAttribute(LOGIN_ERROR, throttled.getMessage());
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (login.isEmpty()) {
            request.setAttribute(LOGIN_ERROR, "The username or password is wrong.");
            return AuthenticationStatus.SEND_FAILURE;
        }
        request.changeSessionId();
        HttpSession session = request.getSession();
        if (login.get().next() == PasswordLogin.Next.NONE) {
            return sessionLogin(session, context, login.get().caller());
        }
        PendingLogin pending = new PendingLogin(login.get().caller().username(), login.get().next(), Instant.now());
        session.removeAttribute(SESSION_USER);
        session.setAttribute(PendingLogin.SESSION_KEY, pending);
        return context.redirect(request.getContextPath() + pending.page());
    }

    /** The code of a pending login: a one-time password or recovery code, or the one confirming a new setup. */
    private AuthenticationStatus codeStep(HttpServletRequest request, HttpMessageContext context, OneTimeCode code) {
        HttpSession session = request.getSession(false);
        PendingLogin pending = pending(session);
        if (pending == null) {
            request.setAttribute(LOGIN_ERROR, "The login took too long; log in with your password again.");
            return AuthenticationStatus.SEND_FAILURE;
        }
        Optional<Caller> caller;
        try {
            if (pending.next() == PasswordLogin.Next.ENROL) {
                Optional<EnrolledLogin> enrolled = secondFactor.confirm(pending.username(), code.code(),
                        request.getRemoteAddr());
                enrolled.ifPresent(done -> session.setAttribute(NEW_RECOVERY_CODES, done.recoveryCodes()));
                caller = enrolled.map(EnrolledLogin::caller);
            } else {
                caller = secondFactor.code(pending.username(), code.code(), request.getRemoteAddr());
            }
        } catch (RequestRejected throttled) {
            request.setAttribute(LOGIN_ERROR, throttled.getMessage());
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (caller.isEmpty()) {
            request.setAttribute(LOGIN_ERROR, Authenticator.WRONG_CODE);
            return AuthenticationStatus.SEND_FAILURE;
        }
        session.removeAttribute(PendingLogin.SESSION_KEY);
        request.changeSessionId();
        return sessionLogin(session, context, caller.get());
    }

    /** The pending login of this session, if there is one and it is not too old. */
    static PendingLogin pending(HttpSession session) {
        Object value = session == null ? null : session.getAttribute(PendingLogin.SESSION_KEY);
        if (value instanceof PendingLogin pending && !pending.expired(Instant.now())) {
            return pending;
        }
        return null;
    }

    private static AuthenticationStatus sessionLogin(HttpSession session, HttpMessageContext context, Caller caller) {
        session.removeAttribute(PendingLogin.SESSION_KEY); // a half-done login of another account before this one
        session.setAttribute(SESSION_USER, caller.username());
        return login(context, caller);
    }

    /**
     * Sends the browser to the login page, which says so when a session ended.
     * A Faces AJAX request gets the redirect as a partial response that
     * PrimeFaces follows: it would take a 302's login page for its answer and
     * the button would seem to do nothing.
     */
    private static AuthenticationStatus toLogin(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        boolean ended = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        String login = request.getContextPath() + "/login.xhtml" + (ended ? "?expired=true" : "");
        if (!"partial/ajax".equals(request.getHeader("Faces-Request"))) {
            return context.redirect(login);
        }
        try {
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + login.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
                    + "\"/></partial-response>");
            response.flushBuffer();
        } catch (IOException e) {
            return context.redirect(login);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_USER);
        }
    }

    private static AuthenticationStatus login(HttpMessageContext context, Caller caller) {
        return context.notifyContainerAboutLogin(caller.username(), Set.of(caller.role().groupName()));
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, HttpMessageContext context,
                                                     String detail) {
        return refused(response, context, RequestRejected.unauthenticated(detail));
    }

    private static AuthenticationStatus refused(HttpServletResponse response, HttpMessageContext context,
                                                RequestRejected refusal) {
        return problem(response, context, refusal.reason().status(), refusal.reason().name()
                .toLowerCase(java.util.Locale.ROOT).replace('_', '-'), refusal.title(), refusal.getMessage());
    }

    private static AuthenticationStatus problem(HttpServletResponse response, HttpMessageContext context, int status,
                                                String type, String title, String detail) {
        try {
            response.setStatus(status);
            if (status == HttpServletResponse.SC_UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"script-executer\"");
            }
            response.setContentType(Problems.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Problems.json(status, type, title, detail));
            response.flushBuffer();
        } catch (IOException e) {
            return context.responseUnauthorized();
        }
        // "The mechanism has answered": with SEND_FAILURE WildFly replaces the body with its HTML error page.
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** The machine paths: the API, and trigger URLs (whose token in the path is their credential). */
    private static boolean isApi(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/hooks/");
    }

    /** By the container's decoded, normalised path (not the raw address, where "/api/hooks/../x" would pass). */
    private static boolean isHook(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.startsWith("/hooks/") || path.startsWith("/api/hooks/");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
