package dev.scriptexecuter.script.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When a chain step starts its script: after a run that succeeded, one that failed (its code, its time,
 * its node, its environment, its disk or a quota: everything but a success, a stop by a person and a
 * trigger saying no), or after any of those. A run that is retried counts once, at its last try.
 */
public enum ChainWhen {
    SUCCEEDED(Set.of("SUCCEEDED")),
    FAILED(Set.of("FAILED", "TIMED_OUT", "INTERRUPTED", "ENVIRONMENT_FAILED", "DISK_LIMIT", "REJECTED")),
    ANY(Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "INTERRUPTED", "ENVIRONMENT_FAILED", "DISK_LIMIT", "REJECTED",
            "STOPPED"));

    private final Set<String> outcomes;

    ChainWhen(Set<String> outcomes) {
        this.outcomes = outcomes;
    }

    /** The steps' conditions a run that ended so meets (none for SKIPPED, OVERLAPPED, MISSED). */
    public static List<ChainWhen> metBy(String outcome) {
        List<ChainWhen> met = new ArrayList<>();
        for (ChainWhen when : values()) {
            if (when.outcomes.contains(outcome)) {
                met.add(when);
            }
        }
        return met;
    }
}
