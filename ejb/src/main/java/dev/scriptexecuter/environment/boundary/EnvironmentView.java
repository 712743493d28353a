package dev.scriptexecuter.environment.boundary;

import java.time.Instant;
import java.util.List;

/**
 * An environment as the API and the dashboard show it. {@code installed} and
 * {@code building} are about the node that answers; the rest is the record of
 * the latest build on any node. While it is FAILED, {@code error} says why
 * (its cause in the first sentence) and {@code nextBuildAt} when pip is tried
 * again, after {@code failedBuilds} failures in a row.
 */
public record EnvironmentView(String id, List<String> packages, String status, boolean installed, boolean building,
                              Long sizeBytes, int builds, Long buildMillis, String builtOn, String python,
                              Instant createdAt, Instant builtAt, Instant lastUsedAt, Instant unusedSince,
                              long scriptCount, List<ScriptRef> scripts, String error, Instant nextBuildAt,
                              int failedBuilds) {

    public EnvironmentView {
        packages = List.copyOf(packages);
        scripts = List.copyOf(scripts);
    }

    /** A script that runs in the environment. */
    public record ScriptRef(String id, String name) {
    }
}
