package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.entity.Run;

/**
 * What a run used: {@code process} as its processes reported it (getrusage of
 * the harness and the children it waited for; a warm worker's wait4), and
 * {@code cgroup} as the run's own cgroups counted it where runs have them
 * (also for a run killed at its timeout, and counting what left its process
 * group). Either is null where it was not measured.
 */
public record RunUsage(Figures process, Figures cgroup) {

    /** CPU seconds in user and in kernel mode, peak resident memory in bytes; any of them null if unknown. */
    public record Figures(Double cpuUserSeconds, Double cpuSystemSeconds, Long peakMemoryBytes) {

        static Figures of(Long userMillis, Long systemMillis, Long peakBytes) {
            if (userMillis == null && systemMillis == null && peakBytes == null) {
                return null;
            }
            return new Figures(seconds(userMillis), seconds(systemMillis), peakBytes);
        }

        private static Double seconds(Long millis) {
            return millis == null ? null : millis / 1000.0;
        }

        /** CPU seconds in both modes; null if neither is known. */
        public Double cpuSeconds() {
            return cpuUserSeconds == null && cpuSystemSeconds == null ? null
                    : (cpuUserSeconds == null ? 0 : cpuUserSeconds) + (cpuSystemSeconds == null ? 0 : cpuSystemSeconds);
        }
    }

    /** The run's figures, or null when it has none. */
    static RunUsage of(Run run) {
        Figures process = Figures.of(run.cpuUserMillis(), run.cpuSystemMillis(), run.peakMemoryBytes());
        Figures cgroup = Figures.of(run.cgroupCpuUserMillis(), run.cgroupCpuSystemMillis(),
                run.cgroupPeakMemoryBytes());
        return process == null && cgroup == null ? null : new RunUsage(process, cgroup);
    }
}
