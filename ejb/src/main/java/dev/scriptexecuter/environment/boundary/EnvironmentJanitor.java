package dev.scriptexecuter.environment.boundary;

import dev.scriptexecuter.environment.control.EnvironmentLedger;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the environments directory tidy: at start-up and every ten minutes it
 * deletes builds nobody can reach (left by a server killed mid-build, or
 * replaced by a rebuild), and environments no script has needed for
 * {@code ses.env.gc-age}.
 */
@Singleton
@Startup
@PermitAll
public class EnvironmentJanitor {

    private static final Logger LOG = Logger.getLogger(EnvironmentJanitor.class.getName());

    @Inject
    Environments environments;

    @Inject
    EnvironmentLedger ledger;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "ses.env.gc-age", defaultValue = "P7D")
    Duration gcAge;

    @PostConstruct
    void atStartUp() {
        sweep();
    }

    @Schedule(minute = "*/10", hour = "*", persistent = false)
    void everyTenMinutes() {
        try {
            for (String id : ledger.unusedSince(clock.instant().minus(gcAge))) {
                environments.remove(id);
                ledger.delete(id);
                LOG.info(() -> "Environment " + id + " removed: no script has needed it for " + gcAge + ".");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Unused environments could not be removed", e);
        }
        sweep();
    }

    private void sweep() {
        try {
            List<Path> removed = environments.sweep();
            if (!removed.isEmpty()) {
                LOG.info(() -> "Removed " + removed.size() + " unfinished or replaced environment build(s): " + removed);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Environment builds could not be swept", e);
        }
    }
}
