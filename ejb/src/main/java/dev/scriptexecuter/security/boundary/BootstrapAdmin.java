package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.security.control.ApiKeySecrets;
import dev.scriptexecuter.security.control.PasswordHasher;
import dev.scriptexecuter.security.control.UserDirectory;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.security.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes sure a fresh installation can be logged in to: with no accounts at
 * all, creates {@code admin} with the configured password ({@code ADMIN_PASSWORD}
 * or {@code ses.admin.password}), or else with a random one printed once in the log.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BootstrapAdmin {

    public static final String USERNAME = "admin";
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class.getName());

    @Inject
    UserDirectory users;

    @Inject
    PasswordHasher hasher;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "ses.admin.password")
    Optional<String> configuredPassword;

    @PostConstruct
    void createFirstAdmin() {
        if (users.count() > 0) {
            return;
        }
        Optional<String> configured = configuredPassword.or(() -> Optional.ofNullable(System.getenv("ADMIN_PASSWORD")))
                .filter(password -> !password.isBlank());
        String password = configured.orElseGet(ApiKeySecrets::newSecret);
        try {
            users.insert(new User(USERNAME, hasher.hash(password), Role.ADMIN, clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "Another node created the first account meanwhile", e);
            return;
        }
        if (configured.isPresent()) {
            String weakness = PasswordHasher.weakness(password);
            LOG.info("Created the first account '" + USERNAME + "' with the configured password."
                    + (weakness == null ? "" : " It is weak: " + weakness + " Change it after logging in."));
        } else {
            LOG.warning("\n\n    Created the first account. Log in to the dashboard or POST /api/auth/token with\n"
                    + "        username: " + USERNAME + "\n        password: " + password + "\n"
                    + "    This password is shown only now. Change it after logging in"
                    + " (or set ADMIN_PASSWORD before the first start).\n");
        }
    }
}
