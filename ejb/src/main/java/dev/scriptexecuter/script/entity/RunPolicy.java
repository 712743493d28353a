package dev.scriptexecuter.script.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a script's runs are run: its own timeout (null: the server's default),
 * whether its sandbox has network, what happens to overlapping and missed
 * occurrences, how often a failed run is tried again, and how its process
 * is made (spawned or forked by a warm worker), how long its finished
 * runs are kept, and which host paths its sandbox shows besides the
 * operator's (one per line; an admin's choice).
 */
@Embeddable
public class RunPolicy {

    @Column(name = "timeout_seconds")
    private Long timeoutSeconds;

    @Column(name = "allow_network", nullable = false)
    private boolean allowNetwork;

    @Enumerated(EnumType.STRING)
    @Column(name = "overlap_policy", nullable = false)
    private OverlapPolicy overlap = OverlapPolicy.SKIP;

    @Enumerated(EnumType.STRING)
    @Column(name = "misfire_policy", nullable = false)
    private MisfirePolicy misfire = MisfirePolicy.FIRE_ONCE;

    @Column(name = "retry_count", nullable = false)
    private int retries;

    @Column(name = "retry_backoff_seconds")
    private Long retryBackoffSeconds;

    /** Null: the node's ses.run.mode. */
    @Enumerated(EnumType.STRING)
    @Column(name = "run_mode")
    private RunMode runMode;

    /** Finished runs to keep (0: no limit by number); null: the server's ses.retention.keep-runs. */
    @Column(name = "keep_runs")
    private Integer keepRuns;

    /** Days to keep finished runs (0: no limit by age); null: the server's ses.retention.keep-days. */
    @Column(name = "keep_days")
    private Integer keepDays;

    /** A run still going after this long is a SLOW incident (it goes on); null: no such warning. */
    @Column(name = "warn_after_seconds")
    private Long warnAfterSeconds;

    /** No SUCCEEDED run for longer than this is an OVERDUE incident; null: not watched. */
    @Column(name = "overdue_after_seconds")
    private Long overdueAfterSeconds;

    @Column(name = "sandbox_read_only", length = 2000)
    private String sandboxReadOnly;

    @Column(name = "sandbox_writable", length = 2000)
    private String sandboxWritable;

    protected RunPolicy() {
    }

    public RunPolicy(Duration timeout, boolean allowNetwork, OverlapPolicy overlap, MisfirePolicy misfire,
                     int retries, Duration retryBackoff, RunMode runMode) {
        this.timeoutSeconds = timeout == null ? null : timeout.toSeconds();
        this.allowNetwork = allowNetwork;
        this.overlap = Objects.requireNonNull(overlap);
        this.misfire = Objects.requireNonNull(misfire);
        this.retries = retries;
        this.retryBackoffSeconds = retryBackoff == null ? null : retryBackoff.toSeconds();
        this.runMode = runMode;
    }

    public static RunPolicy defaults() {
        return new RunPolicy(null, false, OverlapPolicy.SKIP, MisfirePolicy.FIRE_ONCE, 0, null, null);
    }

    /** The same policy with the script's own retention (nulls: the server's). */
    public RunPolicy withRetention(Integer keepRuns, Integer keepDays) {
        RunPolicy policy = copy();
        policy.keepRuns = keepRuns;
        policy.keepDays = keepDays;
        return policy;
    }

    /** The same policy with the durations that make incidents (null: none). */
    public RunPolicy withWatch(Duration warnAfter, Duration overdueAfter) {
        RunPolicy policy = copy();
        policy.warnAfterSeconds = warnAfter == null ? null : warnAfter.toSeconds();
        policy.overdueAfterSeconds = overdueAfter == null ? null : overdueAfter.toSeconds();
        return policy;
    }

    /** A run still going after this long is a SLOW incident; null: not watched for that. */
    public Duration warnAfter() {
        return warnAfterSeconds == null ? null : Duration.ofSeconds(warnAfterSeconds);
    }

    /** No SUCCEEDED run for this long is an OVERDUE incident; null: not watched. */
    public Duration overdueAfter() {
        return overdueAfterSeconds == null ? null : Duration.ofSeconds(overdueAfterSeconds);
    }

    /** The same policy with the script's own sandbox paths (absolute, checked by the caller). */
    public RunPolicy withSandboxPaths(List<String> readOnly, List<String> writable) {
        RunPolicy policy = copy();
        policy.sandboxReadOnly = lines(readOnly);
        policy.sandboxWritable = lines(writable);
        return policy;
    }

    private RunPolicy copy() {
        RunPolicy policy = new RunPolicy(timeout(), allowNetwork, overlap(), misfire(), retries, retryBackoff(), runMode);
        policy.keepRuns = keepRuns;
        policy.keepDays = keepDays;
        policy.sandboxReadOnly = sandboxReadOnly;
        policy.sandboxWritable = sandboxWritable;
        policy.warnAfterSeconds = warnAfterSeconds;
        policy.overdueAfterSeconds = overdueAfterSeconds;
        return policy;
    }

    private static String lines(List<String> paths) {
        return paths == null || paths.isEmpty() ? null : String.join("\n", paths);
    }

    private static List<String> paths(String lines) {
        return lines == null || lines.isBlank() ? List.of() : List.of(lines.split("\n"));
    }

    /** Host paths the script's runs may read besides the operator's; empty for none. */
    public List<String> readOnlyPaths() {
        return paths(sandboxReadOnly);
    }

    /** Host paths the script's runs may write besides the operator's; empty for none. */
    public List<String> writablePaths() {
        return paths(sandboxWritable);
    }

    public Integer keepRuns() {
        return keepRuns;
    }

    public Integer keepDays() {
        return keepDays;
    }

    /** The script's own timeout, or null for the server's default. */
    public Duration timeout() {
        return timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
    }

    public boolean allowNetwork() {
        return allowNetwork;
    }

    public OverlapPolicy overlap() {
        return overlap == null ? OverlapPolicy.SKIP : overlap;
    }

    public MisfirePolicy misfire() {
        return misfire == null ? MisfirePolicy.FIRE_ONCE : misfire;
    }

    public int retries() {
        return retries;
    }

    /** The wait before the first retry (doubling for each further one), or null when there are no retries. */
    public Duration retryBackoff() {
        return retryBackoffSeconds == null ? null : Duration.ofSeconds(retryBackoffSeconds);
    }

    /** The script's own choice of process mode, or null for the node's default. */
    public RunMode runMode() {
        return runMode;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunPolicy that && allowNetwork == that.allowNetwork && retries == that.retries
                && Objects.equals(timeoutSeconds, that.timeoutSeconds) && overlap() == that.overlap()
                && misfire() == that.misfire() && Objects.equals(retryBackoffSeconds, that.retryBackoffSeconds)
                && runMode == that.runMode && Objects.equals(keepRuns, that.keepRuns)
                && Objects.equals(keepDays, that.keepDays) && readOnlyPaths().equals(that.readOnlyPaths())
                && writablePaths().equals(that.writablePaths());
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeoutSeconds, allowNetwork, overlap(), misfire(), retries, retryBackoffSeconds, runMode,
                keepRuns, keepDays, readOnlyPaths(), writablePaths());
    }
}
