package dev.scriptexecuter.execution.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The runs whose processes are alive on this node, by run id. */
@ApplicationScoped
public class LiveRuns {

    private final ConcurrentMap<String, LiveRun> runs = new ConcurrentHashMap<>();

    @Inject
    Clock clock;

    @Inject
    OutputBroadcast broadcast;

    @Inject
    LogShare share;

    @Inject
    @ConfigProperty(name = "ses.run.log-max-bytes", defaultValue = "1048576")
    long logMaxBytes;

    /**
     * Registers a run as alive on this node before it starts, so that a stop
     * request finds it from now on; its log lines are broadcast to this node's
     * pages as they come, and shared with other nodes through the database.
     */
    public LiveRun open(String runId) {
        share.open(runId);
        LiveRun live = new LiveRun(runId, new LogCapture(clock, logMaxBytes, (index, line) -> {
            broadcast.line(runId, index, line);
            share.line(runId, index, line);
        }));
        runs.put(runId, live);
        return live;
    }

    /** The run's process has ended: its log is complete, and is stored with its end rather than shared. */
    public void processEnded(String runId) {
        share.close(runId);
    }

    public void remove(String runId) {
        share.close(runId);
        runs.remove(runId);
    }

    /** Stops every run of the script alive on this node, e.g. because the script was deleted. */
    public void stopAllOf(String scriptId) {
        runs.values().stream().filter(run -> scriptId.equals(run.scriptId())).forEach(LiveRun::stop);
    }

    public Set<String> ids() {
        return Set.copyOf(runs.keySet());
    }

    public Optional<LiveRun> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }
}
