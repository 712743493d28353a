package dev.scriptexecuter.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;

import java.util.logging.Logger;

/**
 * A password login, from the dashboard or the token endpoint: throttled per
 * username and address, checked by the identity stores, failures logged
 * without the password. A second factor's codes count against the same limits.
 */
@ApplicationScoped
public class CredentialCheck {

    private static final Logger LOG = Logger.getLogger(CredentialCheck.class.getName());

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    LoginThrottle throttle;

    public CredentialValidationResult check(String username, String password, String address) {
        throttle.checkAllowed(username, address);
        CredentialValidationResult result = identityStores.validate(
                new UsernamePasswordCredential(username == null ? "" : username, password == null ? "" : password));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            failed(username, address, "password");
        }
        return result;
    }

    /**
     * A whole login succeeded: the username's failures are forgotten. Not at a right password when a second
     * factor follows, or every right password would give a fresh series of guesses at the code.
     */
    public void succeeded(String username) {
        throttle.succeeded(username);
    }

    /** A wrong password or one-time code: counted against the username and the address alike. */
    public void failed(String username, String address, String what) {
        throttle.failed(username, address);
        // "Failed login for user '…' from …" stays as it was: people match it in their log tools
        LOG.warning(() -> "Failed login for user '" + printable(username) + "'"
                + (address == null ? "" : " from " + address) + " (wrong " + what + ")");
    }

    /** Refuses with 429 while the username or the address is blocked. */
    public void checkAllowed(String username, String address) {
        throttle.checkAllowed(username, address);
    }

    /** Keeps a logged name on one line and short, whatever the client sent. */
    private static String printable(String username) {
        if (username == null) {
            return "";
        }
        String oneLine = username.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 64 ? oneLine.substring(0, 64) + "..." : oneLine;
    }
}
