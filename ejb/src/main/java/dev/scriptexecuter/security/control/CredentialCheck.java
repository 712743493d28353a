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
 * without the password.
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
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            throttle.succeeded(username);
        } else {
            throttle.failed(username, address);
            LOG.warning(() -> "Failed login for user '" + printable(username) + "' from " + address);
        }
        return result;
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
