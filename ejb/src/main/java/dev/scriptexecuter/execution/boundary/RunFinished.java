package dev.scriptexecuter.execution.boundary;

/**
 * A run ended on this node (or was ended here for a node that died): fired
 * after the change is committed, for the metrics.
 *
 * @param durationMillis from its start to its end; null when it never started
 * @param latenessMillis from when its schedule said it was due to its start; null for runs not due by a schedule
 * @param cpuUserMillis  CPU time of its processes in user mode; null where not measured (so the two below)
 */
public record RunFinished(String outcome, Long durationMillis, Long latenessMillis, Long cpuUserMillis,
                          Long cpuSystemMillis, Long peakMemoryBytes) {
}
