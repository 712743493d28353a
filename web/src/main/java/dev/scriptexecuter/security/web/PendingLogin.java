package dev.scriptexecuter.security.web;

import dev.scriptexecuter.security.boundary.PasswordLogin;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A login whose password was right and whose second step (a code, or setting up a second factor) is still to
 * come, kept in the session: nothing is open to it but that step's page, and only for a few minutes.
 */
record PendingLogin(String username, PasswordLogin.Next next, Instant since) implements Serializable {

    static final String SESSION_KEY = "ses.pendingLogin";
    /** Long enough to find the phone and set up an app; a login left half-done goes away. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    boolean expired(Instant now) {
        return since.plus(LIFETIME).isBefore(now);
    }

    String page() {
        return next == PasswordLogin.Next.ENROL ? "/login-enrol.xhtml" : "/login-code.xhtml";
    }
}
