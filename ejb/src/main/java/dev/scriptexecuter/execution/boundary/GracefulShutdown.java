package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.control.LiveRuns;
import dev.scriptexecuter.execution.control.RunAdmission;
import dev.scriptexecuter.infrastructure.Node;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On SIGTERM (as from {@code docker stop}) the node stops taking runs, lets
 * the running ones finish for up to {@code ses.shutdown.grace}, then ends the
 * rest INTERRUPTED and gives their results a moment to be written, and only
 * then lets the JVM shut down. It takes over the signal itself: a JVM shutdown
 * hook would race Payara's own, which tears the application (and with it the
 * database access the results need) down at the same time, and Payara Micro
 * fires no application-destroyed event on SIGTERM. (A killed server cannot do
 * any of this; its runs are marked INTERRUPTED by its next start or, after
 * their lease, by another node.) A startup singleton, not an observer of the
 * application scope's start: in the EAR on WildFly that event does not reach
 * the EJB module's beans, and the handler was never installed there.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class.getName());
    private static final long RESULTS_WAIT_MILLIS = 10_000;

    @Inject
    RunAdmission admission;

    @Inject
    LiveRuns liveRuns;

    @Inject
    Node node;

    @Inject
    @ConfigProperty(name = "ses.shutdown.grace", defaultValue = "PT30S")
    Duration grace;

    private static final Signal TERM = new Signal("TERM");
    private SignalHandler previous;

    @PostConstruct
    void install() {
        try {
            previous = Signal.handle(TERM, signal -> Thread.ofPlatform().name("ses-graceful-shutdown").start(() -> {
                try {
                    drain();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Draining the runs before the shutdown failed", e);
                } finally {
                    previous.handle(signal);
                }
            }));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "SIGTERM cannot be handled here; a stopping server will not wait for its runs", e);
        }
    }

    /** Undeployed while the JVM goes on: SIGTERM is the server's again. */
    @PreDestroy
    void uninstall() {
        if (previous != null) {
            Signal.handle(TERM, previous);
        }
    }

    void drain() {
        admission.close();
        int running = admission.admitted();
        String nodeName = node.name();
        LOG.info(() -> "Shutting down: node '" + nodeName + "' takes no new runs; waiting up to " + grace + " for "
                + running + " run(s) to finish.");
        if (!awaitNoRuns(grace.toMillis())) {
            String reason = "Node '" + nodeName + "' shut down before the run finished (it waited "
                    + grace + ", ses.shutdown.grace).";
            liveRuns.ids().forEach(id -> liveRuns.find(id).ifPresent(run -> run.interrupt(reason)));
            if (!awaitNoRuns(RESULTS_WAIT_MILLIS)) {
                LOG.warning(() -> admission.admitted() + " run(s) could not be recorded before the shutdown;"
                        + " the next start of this node marks them INTERRUPTED.");
                return;
            }
        }
        LOG.info(() -> "Shutting down: node '" + nodeName + "' has no runs left.");
    }

    private boolean awaitNoRuns(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (admission.admitted() > 0) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
