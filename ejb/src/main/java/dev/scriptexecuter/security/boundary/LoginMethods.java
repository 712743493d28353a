package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.security.control.SignOnSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * Checks the login settings when the server starts (a setting that cannot work stops it, naming the setting)
 * and says in the log how people log in.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LoginMethods {

    private static final Logger LOG = Logger.getLogger(LoginMethods.class.getName());

    @Inject
    SignOnSettings settings;

    @PostConstruct
    void check() {
        if (!settings.singleSignOn()) {
            return;
        }
        LOG.info("Logins: single sign-on through " + settings.issuer() + " (client " + settings.clientId() + ", "
                + (settings.clientSecret() == null ? "public" : "confidential") + "), "
                + (settings.localLogin() ? "and local passwords"
                : "local passwords only for the break-glass admin"));
    }
}
