package dev.scriptexecuter.overview.boundary;

import java.time.Instant;
import java.util.List;

/**
 * How a script has been doing over its last finished runs (oldest first): each run's outcome, duration, CPU
 * time and peak memory, the share that succeeded, and the p50 and p95 of its successful runs' durations.
 *
 * @param successRate succeeded runs of those that ran (skipped, overlapped and missed ones left out); null for none
 */
public record ScriptTrend(List<Point> runs, Double successRate, Long p50Millis, Long p95Millis) {

    /** One finished run. */
    public record Point(String runId, String outcome, Instant finishedAt, Long durationMillis, Double cpuSeconds,
                        Long peakMemoryBytes) {
    }
}
