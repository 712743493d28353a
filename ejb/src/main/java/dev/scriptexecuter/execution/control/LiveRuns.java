package dev.scriptexecuter.execution.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The runs whose processes are alive on this node, by run id. */
@ApplicationScoped
public class LiveRuns {

    private final ConcurrentMap<String, LiveRun> runs = new ConcurrentHashMap<>();

    void add(String runId, LiveRun run) {
        runs.put(runId, run);
    }

    public void remove(String runId) {
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
