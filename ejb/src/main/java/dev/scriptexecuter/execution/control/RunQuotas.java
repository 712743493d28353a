package dev.scriptexecuter.execution.control;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many of a node's admitted runs belong to each script and each user, and
 * how many of those hold a slot: what the per-script and per-user quotas of
 * {@link RunAdmission} count. Not thread-safe: its owner holds the lock.
 */
final class RunQuotas {

    /** The quotas of one kind of owner (script or user): runs holding a slot, and runs waiting for one beyond those. */
    record Limits(String kind, String runningSetting, int running, String queuedSetting, int queued) {
    }

    private final Limits scripts;
    private final Limits users;
    private final Map<String, int[]> perScript = new HashMap<>();
    private final Map<String, int[]> perUser = new HashMap<>();

    RunQuotas(Limits scripts, Limits users) {
        this.scripts = scripts;
        this.users = users;
    }

    /** A quota a new run of this script, asked for by this user, would go beyond on node {@code node}; empty if none. */
    Optional<RunRefusal> refusal(String scriptId, String user, String node) {
        return over(scripts, perScript, scriptId, node)
                .or(() -> user == null ? Optional.empty() : over(users, perUser, user, node));
    }

    private static Optional<RunRefusal> over(Limits limits, Map<String, int[]> counts, String key, String node) {
        int admitted = counts.getOrDefault(key, new int[2])[0];
        if (admitted < limits.running() + limits.queued()) {
            return Optional.empty();
        }
        return Optional.of(new RunRefusal(limits.queuedSetting(), limits.queued(), "The " + limits.kind() + " '" + key
                + "' has " + admitted + " runs running or waiting for a slot on node '" + node + "', as many as its quota"
                + " allows (" + limits.runningSetting() + "=" + limits.running() + " running, "
                + limits.queuedSetting() + "=" + limits.queued() + " more waiting); this run was not started."));
    }

    /** Whether a run of this script and user may take a slot without going beyond a running quota. */
    boolean mayRun(String scriptId, String user) {
        return perScript.getOrDefault(scriptId, new int[2])[1] < scripts.running()
                && (user == null || perUser.getOrDefault(user, new int[2])[1] < users.running());
    }

    void admitted(String scriptId, String user) {
        change(scriptId, user, 0, 1);
    }

    void started(String scriptId, String user) {
        change(scriptId, user, 1, 1);
    }

    void left(String scriptId, String user, boolean running) {
        change(scriptId, user, 0, -1);
        if (running) {
            change(scriptId, user, 1, -1);
        }
    }

    private void change(String scriptId, String user, int index, int by) {
        bump(perScript, scriptId, index, by);
        if (user != null) {
            bump(perUser, user, index, by);
        }
    }

    private static void bump(Map<String, int[]> counts, String key, int index, int by) {
        int[] count = counts.computeIfAbsent(key, k -> new int[2]);
        count[index] += by;
        if (count[0] == 0) {
            counts.remove(key);
        }
    }
}
