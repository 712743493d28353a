package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.script.entity.RunPolicy;

import java.util.List;
import java.util.Locale;

/**
 * A script's run policy as people write it:
 * {@code {"timeout": "PT2M", "allowNetwork": false, "overlap": "skip", "misfire": "fire-once",
 * "retries": 2, "retryBackoff": "PT30S", "runMode": "warm", "keepRuns": 100, "keepDays": 30,
 * "warnAfter": "PT10M", "overdueAfter": "PT2H"}}
 * ({@code runMode} null or "default": the node's ses.run.mode; {@code keepRuns}/{@code keepDays} null:
 * the server's ses.retention.*, 0: no limit; {@code warnAfter}: a run still going then is a SLOW incident,
 * {@code overdueAfter}: no success for that long is an OVERDUE one, null: not watched). A script saved without a policy
 * keeps its current one; in a submitted policy, fields left out take their
 * defaults ({@code "timeout": null} is the server's ses.run.timeout), except
 * {@code readOnlyPaths} and {@code writablePaths} (host paths the sandbox
 * shows besides the operator's, which only admins change): left out, they stay.
 */
public record PolicySpec(String timeout, Boolean allowNetwork, String overlap, String misfire, Integer retries,
                         String retryBackoff, String runMode, Integer keepRuns, Integer keepDays,
                         List<String> readOnlyPaths, List<String> writablePaths, String warnAfter,
                         String overdueAfter) {

    public static PolicySpec of(RunPolicy policy) {
        return new PolicySpec(policy.timeout() == null ? null : policy.timeout().toString(), policy.allowNetwork(),
                name(policy.overlap()), name(policy.misfire()), policy.retries(),
                policy.retryBackoff() == null ? null : policy.retryBackoff().toString(),
                policy.runMode() == null ? null : name(policy.runMode()), policy.keepRuns(), policy.keepDays(),
                policy.readOnlyPaths(), policy.writablePaths(),
                policy.warnAfter() == null ? null : policy.warnAfter().toString(),
                policy.overdueAfter() == null ? null : policy.overdueAfter().toString());
    }

    /** SKIP → "skip", FIRE_ONCE → "fire-once". */
    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
