package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.environment.boundary.EnvironmentBuilt;
import dev.scriptexecuter.execution.boundary.RunFinished;
import dev.scriptexecuter.infrastructure.Histogram;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this node did since it started, for {@code /metrics}: runs ended by
 * outcome, how long they ran, how late scheduled runs started, the CPU time
 * and peak memory they used, and environment builds. Counted from committed changes only.
 */
@ApplicationScoped
public class RunMetrics {

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<Boolean, LongAdder> builds = new ConcurrentHashMap<>();
    private final Histogram durations = new Histogram(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600);
    private final Histogram lateness = new Histogram(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60);
    private final LongAdder cpuUserMillis = new LongAdder();
    private final LongAdder cpuSystemMillis = new LongAdder();
    private final Histogram peakMemory = new Histogram(MIB * 16, MIB * 32, MIB * 64, MIB * 128, MIB * 256, MIB * 512,
            MIB * 1024, MIB * 2048, MIB * 4096);

    private static final double MIB = 1024 * 1024;

    void onRunFinished(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunFinished run) {
        outcomes.computeIfAbsent(run.outcome(), outcome -> new LongAdder()).increment();
        if (run.durationMillis() != null) {
            durations.observe(run.durationMillis() / 1000.0);
        }
        if (run.latenessMillis() != null) {
            lateness.observe(Math.max(0, run.latenessMillis()) / 1000.0);
        }
        if (run.cpuUserMillis() != null) {
            cpuUserMillis.add(run.cpuUserMillis());
        }
        if (run.cpuSystemMillis() != null) {
            cpuSystemMillis.add(run.cpuSystemMillis());
        }
        if (run.peakMemoryBytes() != null) {
            peakMemory.observe(run.peakMemoryBytes());
        }
    }

    void onEnvironmentBuilt(@Observes(during = TransactionPhase.AFTER_SUCCESS) EnvironmentBuilt build) {
        builds.computeIfAbsent(build.succeeded(), succeeded -> new LongAdder()).increment();
    }

    /** Runs ended by outcome, in name order. */
    public Map<String, Long> outcomes() {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((outcome, count) -> counts.put(outcome, count.sum()));
        return counts;
    }

    /** Environment builds: "ready" and "failed". */
    public Map<String, Long> builds() {
        Map<String, Long> counts = new TreeMap<>();
        builds.forEach((succeeded, count) -> counts.put(succeeded ? "ready" : "failed", count.sum()));
        return counts;
    }

    public Histogram.Snapshot durations() {
        return durations.snapshot();
    }

    public Histogram.Snapshot lateness() {
        return lateness.snapshot();
    }

    /** CPU seconds runs ended here used: "user" and "system". */
    public Map<String, Double> cpuSeconds() {
        return new TreeMap<>(Map.of("user", cpuUserMillis.sum() / 1000.0, "system", cpuSystemMillis.sum() / 1000.0));
    }

    /** Peak resident memory of runs ended here, in bytes. */
    public Histogram.Snapshot peakMemory() {
        return peakMemory.snapshot();
    }
}
