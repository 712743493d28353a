package dev.scriptexecuter.execution.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The node's run slots and quotas: at most {@code ses.run.max-concurrent} runs
 * execute at once and at most {@code ses.run.queue-length} more wait for a
 * slot (QUEUED); within that, one script and one user may have only so many
 * runs running and waiting ({@code ses.run.max-running-per-script} and so on),
 * so that nobody fills the node for everybody else. A run that does not fit is
 * not started at all but recorded REJECTED, naming the limit. Counted per node.
 */
@ApplicationScoped
public class RunAdmission {

    @Inject
    @ConfigProperty(name = "ses.run.max-concurrent", defaultValue = "8")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "ses.run.queue-length", defaultValue = "100")
    int queueLength;

    @Inject
    @ConfigProperty(name = "ses.run.max-running-per-script", defaultValue = "4")
    int maxRunningPerScript;

    @Inject
    @ConfigProperty(name = "ses.run.max-queued-per-script", defaultValue = "10")
    int maxQueuedPerScript;

    @Inject
    @ConfigProperty(name = "ses.run.max-running-per-user", defaultValue = "4")
    int maxRunningPerUser;

    @Inject
    @ConfigProperty(name = "ses.run.max-queued-per-user", defaultValue = "20")
    int maxQueuedPerUser;

    /**
     * Guards the counts below. Not {@code synchronized} methods: the container's proxy of this bean
     * copies the modifier and would hold its own monitor while {@link #awaitSlot} waits on this one.
     */
    private final Object lock = new Object();
    /** Admitted runs in the order they came, so that slots go first come, first served among those that may run. */
    private final Map<String, Place> places = new LinkedHashMap<>();
    private RunQuotas quotas;
    private int running;
    private volatile boolean closed;

    private static final class Place {
        final String scriptId;
        final String user;
        boolean running;

        Place(String scriptId, String user) {
            this.scriptId = scriptId;
            this.user = user;
        }
    }

    /**
     * Counts a run in, or says which limit it would go beyond (or that the node is shutting down).
     * Every admitted run must {@link #leave}.
     */
    public Optional<RunRefusal> admit(String runId, String scriptId, String user, String node) {
        synchronized (lock) {
            if (closed) {
                return Optional.of(new RunRefusal(null, 0,
                        "Node '" + node + "' was shutting down; this run was not started."));
            }
            if (places.size() >= maxConcurrent + queueLength) {
                return Optional.of(new RunRefusal("ses.run.queue-length", queueLength, "Node '" + node
                        + "' had as many runs running and waiting for a slot as it takes (" + limits()
                        + "); this run was not started."));
            }
            Optional<RunRefusal> refusal = quotas().refusal(scriptId, user, node);
            if (refusal.isEmpty()) {
                places.put(runId, new Place(scriptId, user));
                quotas().admitted(scriptId, user);
            }
            return refusal;
        }
    }

    /**
     * Waits until the run may take a slot: one is free, its script and user are below their running quotas,
     * and no run admitted before it could take the slot instead. False if it was stopped or the node began
     * shutting down meanwhile (it then has no slot).
     */
    boolean awaitSlot(LiveRun live) throws InterruptedException {
        synchronized (lock) {
            Place place = places.get(live.runId());
            while (place == null || !mayStart(place)) {
                if (place == null || live.stopRequested() || closed) {
                    return false;
                }
                lock.wait(100);
            }
            place.running = true;
            running++;
            quotas().started(place.scriptId, place.user);
            return true;
        }
    }

    private boolean mayStart(Place place) {
        if (running >= maxConcurrent) {
            return false;
        }
        for (Place earlier : places.values()) {
            if (earlier == place) {
                return quotas().mayRun(place.scriptId, place.user);
            }
            if (!earlier.running && quotas().mayRun(earlier.scriptId, earlier.user)) {
                return false;
            }
        }
        return false;
    }

    /** The node is shutting down: no run is admitted or given a slot any more. */
    public void close() {
        closed = true;
    }

    public boolean closed() {
        return closed;
    }

    /** A run is over: its slot (if it had one) and its place are free again. */
    public void leave(String runId) {
        synchronized (lock) {
            Place place = places.remove(runId);
            if (place != null) {
                running -= place.running ? 1 : 0;
                quotas().left(place.scriptId, place.user, place.running);
                lock.notifyAll();
            }
        }
    }

    /** Runs admitted and not over yet (running or waiting for a slot). */
    public int admitted() {
        synchronized (lock) {
            return places.size();
        }
    }

    /** Admitted runs that hold a slot: running (or about to). */
    public int running() {
        synchronized (lock) {
            return running;
        }
    }

    /** Admitted runs waiting for a slot. */
    public int waiting() {
        synchronized (lock) {
            return places.size() - running;
        }
    }

    public String limits() {
        return "ses.run.max-concurrent=" + maxConcurrent + ", ses.run.queue-length=" + queueLength;
    }

    private RunQuotas quotas() {
        if (quotas == null) {
            quotas = new RunQuotas(
                    new RunQuotas.Limits("script", "ses.run.max-running-per-script", maxRunningPerScript,
                            "ses.run.max-queued-per-script", maxQueuedPerScript),
                    new RunQuotas.Limits("user", "ses.run.max-running-per-user", maxRunningPerUser,
                            "ses.run.max-queued-per-user", maxQueuedPerUser));
        }
        return quotas;
    }
}
